#!/usr/bin/env python3
"""Writes a deterministic "orders" CSV for end-to-end benchmarks.

usage: gen_orders.py ROWS OUT.csv [SEED]

Columns: order_id (int), customer (quoted string with a comma, sometimes an escaped quote),
region (8 values), status (5 values), quantity (int, ~1% empty), unit_price (float).
The same ROWS and SEED always give the same bytes.
"""
import random
import sys

REGIONS = ["north", "south", "east", "west", "central", "north-east", "south-west", "islands"]
STATUSES = ["completed", "shipped", "pending", "cancelled", "returned"]


def main():
    rows = int(float(sys.argv[1]))
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    with open(out, "w", newline="") as f:
        f.write("order_id,customer,region,status,quantity,unit_price\n")
        for i in range(1, rows + 1):
            last = "O\"\"Brien" if i % 500 == 0 else f"Name{rng.randrange(100000)}"
            qty = "" if rng.random() < 0.01 else str(rng.randint(1, 20))
            price = round(10 ** rng.uniform(0, 3), 2)
            f.write(f'{i},"{last}, First",{rng.choice(REGIONS)},{rng.choice(STATUSES)},{qty},{price}\n')


if __name__ == "__main__":
    main()
