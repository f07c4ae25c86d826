// running.total: a stateful transform. Each row gets "running_total", the sum of a numeric
// field (config "field") over this row and every row before it, across all batches of the run.
// The total stays an integer while every value was one; after the first fractional value it is
// a float, written with a decimal point, so the column keeps one type from batch to batch.
// A row whose field is missing or null adds nothing.
import {
  Lines, Members, JsonType, Output, Text, ERROR, OK, fail, failStatus, integerParsed,
  jsonNumberIsInteger, jsonToF64, jsonToI64, jsonTypeName, returnText,
} from "../sdk/conveyor";

export { cv_abi_version, cv_alloc, cv_dealloc, cv_last_error } from "../sdk/conveyor";

const DESCRIPTION = `{"abi":1,"name":"running.total","version":"1.0.0","roles":["transform"],\
"format":"ndjson",\
"description":"Adds running_total, the cumulative sum of a numeric field over the whole run. \
Missing and null values add nothing; the total is an integer until a fractional value appears.",\
"parameters":[\
{"name":"field","type":"string","required":true,\
"description":"The numeric field to add up."}\
]}`;

const TOTAL_KEY = new Text("running_total");
const FIELD = new Text("field");
let field = new Text("");
const members = new Members();

// The state of one run: cv_configure starts it afresh.
let totalIsFloat = false;
let integerTotal: i64 = 0;
let floatTotal: f64 = 0;

export function cv_describe(): i64 {
  return returnText(DESCRIPTION);
}

export function cv_configure(config: usize, len: i32): i32 {
  totalIsFloat = false;
  integerTotal = 0;
  floatTotal = 0;
  let found = false;
  if (members.begin(config, len)) {
    while (!found && members.next()) found = members.keyIs(FIELD);
  }
  if (!found) return failStatus("E_CONFIG", "field is required");
  if (members.type != JsonType.STRING) {
    return failStatus("E_CONFIG", "field must be a string, not " + jsonTypeName(members.type));
  }
  const name = members.valueString();
  if (name.length == 0) return failStatus("E_CONFIG", "field must not be empty");
  field = new Text(name);
  return OK;
}

// Adds a number literal to the total; false (with the error set) when the total cannot hold it.
function addToTotal(ptr: usize, len: i32, rowNumber: i32): bool {
  if (!totalIsFloat && jsonNumberIsInteger(ptr, len)) {
    const value = jsonToI64(ptr, len);
    const sum = integerTotal + value;
    // Overflow: both operands have one sign and the sum has the other.
    if (!integerParsed || ((integerTotal ^ sum) & (value ^ sum)) < 0) {
      fail("E_DATA", `row ${rowNumber}: the running total of ${field.value} overflows a 64-bit integer`);
      return false;
    }
    integerTotal = sum;
    return true;
  }
  if (!totalIsFloat) {
    totalIsFloat = true;
    floatTotal = <f64>integerTotal;
  }
  floatTotal += jsonToF64(ptr, len);
  if (!isFinite(floatTotal)) {
    fail("E_DATA", `row ${rowNumber}: the running total of ${field.value} is beyond the range of a float`);
    return false;
  }
  return true;
}

// Copies a row without an earlier running_total and adds the updated total as its last field.
function appendRowWithTotal(out: Output, ptr: usize, len: i32, rowNumber: i32): bool {
  let fieldSeen = false;
  if (!members.begin(ptr, len)) {
    fail("E_DATA", `row ${rowNumber} is not a JSON object`);
    return false;
  }
  out.appendByte(0x7b); // {
  while (members.next()) {
    if (!fieldSeen && members.keyIs(field)) {
      fieldSeen = true;
      if (members.type == JsonType.NUMBER) {
        if (!addToTotal(members.valuePtr, members.valueLen, rowNumber)) return false;
      } else if (members.type != JsonType.NULL) {
        fail("E_DATA", `row ${rowNumber}: ${field.value} is ${jsonTypeName(members.type)}, not a number`);
        return false;
      }
    }
    if (members.keyIs(TOTAL_KEY)) continue;
    out.appendBytes(members.wholePtr, members.wholeLen).appendByte(0x2c); // ,
  }
  if (members.failed) {
    fail("E_DATA", `row ${rowNumber} is not a JSON object`);
    return false;
  }
  out.appendText('"running_total":');
  if (totalIsFloat) out.appendF64(floatTotal);
  else out.appendI64(integerTotal);
  out.appendText("}\n");
  return true;
}

export function cv_transform(batch: usize, len: i32): i64 {
  const out = new Output(len + len / 2 + 64);
  const lines = new Lines(batch, len);
  // A failed batch adds nothing: the total goes back to what it was before it.
  const wasFloat = totalIsFloat;
  const integerBefore = integerTotal;
  const floatBefore = floatTotal;
  while (lines.next()) {
    if (!appendRowWithTotal(out, lines.ptr, lines.len, lines.number)) {
      out.discard();
      totalIsFloat = wasFloat;
      integerTotal = integerBefore;
      floatTotal = floatBefore;
      return ERROR;
    }
  }
  return out.finish();
}
