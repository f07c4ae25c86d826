// rows.filter: drops the rows whose "status" is "deleted" and upper-cases the ASCII letters of
// a string field (config "field", default "name"). Rows keep their bytes otherwise.
import {
  Lines, Members, JsonType, Output, Text, OK, fail, failStatus, jsonTypeName, returnText,
} from "../sdk/conveyor";

export { cv_abi_version, cv_alloc, cv_dealloc, cv_last_error } from "../sdk/conveyor";

const DESCRIPTION = `{"abi":1,"name":"rows.filter","version":"1.0.0","roles":["transform"],\
"format":"ndjson",\
"description":"Drops rows whose status is \\"deleted\\" and upper-cases a field. \
Only the ASCII letters a to z change; a field that is not a string is left as it is.",\
"parameters":[\
{"name":"field","type":"string","required":false,"default":"name",\
"description":"The field to upper-case."}\
]}`;

const STATUS = new Text("status");
const DELETED = new Text("deleted");
let field = new Text("name");
const members = new Members();

export function cv_describe(): i64 {
  return returnText(DESCRIPTION);
}

export function cv_configure(config: usize, len: i32): i32 {
  field = new Text("name");
  if (!members.begin(config, len)) return failStatus("E_CONFIG", "the configuration is not a JSON object");
  while (members.next()) {
    if (members.keyIs(new Text("field"))) {
      if (members.type != JsonType.STRING) {
        return failStatus("E_CONFIG", "field must be a string, not " + jsonTypeName(members.type));
      }
      const name = members.valueString();
      if (name.length == 0) return failStatus("E_CONFIG", "field must not be empty");
      field = new Text(name);
    }
  }
  if (members.failed) return failStatus("E_CONFIG", "the configuration is not valid JSON");
  return OK;
}

function hexDigit(c: u8): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

// The letter a \u escape at p stands for, if it is one of a..z; otherwise 0.
function escapedLowerLetter(p: usize, end: usize): u8 {
  if (end - p < 6 || load<u8>(p + 1) != 0x75 || load<u8>(p + 2) != 0x30 || load<u8>(p + 3) != 0x30) return 0;
  const high = hexDigit(load<u8>(p + 4));
  const low = hexDigit(load<u8>(p + 5));
  if (high < 0 || low < 0) return 0;
  const c = <u8>(high * 16 + low);
  return c >= 0x61 && c <= 0x7a ? c : 0;
}

// Appends a string literal with a..z upper-cased, escaped ones included; other escapes are
// copied as they are, so the result is valid JSON whenever the input was.
function appendUpperCased(out: Output, ptr: usize, len: i32): void {
  let p = ptr;
  const end = ptr + <usize>len;
  while (p < end) {
    const c = load<u8>(p);
    if (c == 0x5c) { // backslash
      const letter = escapedLowerLetter(p, end);
      if (letter != 0) {
        out.appendByte(letter - 0x20);
        p += 6;
      } else {
        const escapeLen: usize = end - p >= 6 && load<u8>(p + 1) == 0x75 ? 6 : 2;
        out.appendBytes(p, <i32>escapeLen);
        p += escapeLen;
      }
    } else {
      out.appendByte(c >= 0x61 && c <= 0x7a ? c - 0x20 : c);
      p++;
    }
  }
}

enum Verdict { KEEP, DROP, INVALID }

// Set by inspectRow: the string value to upper-case (length 0 when there is none).
let valuePtr: usize = 0;
let valueLen: i32 = 0;

function inspectRow(ptr: usize, len: i32): Verdict {
  let statusSeen = false;
  let fieldSeen = false;
  valueLen = 0;
  if (!members.begin(ptr, len)) return Verdict.INVALID;
  while (members.next()) {
    if (!statusSeen && members.keyIs(STATUS)) {
      statusSeen = true;
      if (members.valueIs(DELETED)) return Verdict.DROP;
    }
    if (!fieldSeen && members.keyIs(field)) {
      fieldSeen = true;
      if (members.type == JsonType.STRING) {
        valuePtr = members.valuePtr;
        valueLen = members.valueLen;
      }
    }
  }
  return members.failed ? Verdict.INVALID : Verdict.KEEP;
}

export function cv_transform(batch: usize, len: i32): i64 {
  const out = new Output(len);
  const lines = new Lines(batch, len);
  while (lines.next()) {
    const verdict = inspectRow(lines.ptr, lines.len);
    if (verdict == Verdict.INVALID) {
      out.discard();
      return fail("E_DATA", `row ${lines.number} is not a JSON object`);
    }
    if (verdict == Verdict.DROP) continue;
    if (valueLen == 0) {
      out.appendBytes(lines.ptr, lines.len);
    } else {
      const rowEnd = lines.ptr + <usize>lines.len;
      const valueEnd = valuePtr + <usize>valueLen;
      out.appendBytes(lines.ptr, <i32>(valuePtr - lines.ptr));
      appendUpperCased(out, valuePtr, valueLen);
      out.appendBytes(valueEnd, <i32>(rowEnd - valueEnd));
    }
    out.appendByte(0x0a);
  }
  return out.finish();
}
