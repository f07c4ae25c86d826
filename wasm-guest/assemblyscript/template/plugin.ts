// my.tag: a template transform. It adds a field "tag" with the configured text to every row.
// Rename it, change DESCRIPTION, and replace the body of cv_transform.
import {
  Lines, Members, JsonType, Output, Text, OK, fail, failStatus, returnText,
} from "../sdk/conveyor";

// The plumbing every module exports (allocation, ABI version, last error).
export { cv_abi_version, cv_alloc, cv_dealloc, cv_last_error } from "../sdk/conveyor";

const DESCRIPTION = `{"abi":1,"name":"my.tag","version":"0.1.0","roles":["transform"],\
"format":"ndjson",\
"description":"Adds a field tag to every row.",\
"parameters":[\
{"name":"tag","type":"string","required":false,"default":"hello",\
"description":"The value of the tag field."}\
]}`;

const TAG = new Text("tag");
const members = new Members();
// The tag as a JSON string literal, quotes included, copied from the configuration.
let tagLiteral = '"hello"';

export function cv_describe(): i64 {
  return returnText(DESCRIPTION);
}

// Called once when a run opens the stage, with [stages.config] as JSON (defaults filled in).
export function cv_configure(config: usize, len: i32): i32 {
  tagLiteral = '"hello"';
  if (!members.begin(config, len)) return failStatus("E_CONFIG", "the configuration is not a JSON object");
  while (members.next()) {
    if (!members.keyIs(TAG)) continue;
    if (members.type != JsonType.STRING) return failStatus("E_CONFIG", "tag must be a string");
    tagLiteral = members.valueText();
  }
  if (members.failed) return failStatus("E_CONFIG", "the configuration is not valid JSON");
  return OK;
}

// Copies a row without an earlier tag field and adds the tag last; false if it is not an object.
function appendTaggedRow(out: Output, ptr: usize, len: i32): bool {
  if (!members.begin(ptr, len)) return false;
  out.appendByte(0x7b); // {
  while (members.next()) {
    if (members.keyIs(TAG)) continue;
    out.appendBytes(members.wholePtr, members.wholeLen).appendByte(0x2c); // ,
  }
  out.appendText('"tag":').appendText(tagLiteral).appendText("}\n");
  return !members.failed;
}

// One batch in (one JSON object per line), one batch out. The host frees both.
export function cv_transform(batch: usize, len: i32): i64 {
  const out = new Output(len * 2 + 64);
  const lines = new Lines(batch, len);
  while (lines.next()) {
    if (!appendTaggedRow(out, lines.ptr, lines.len)) {
      out.discard();
      return fail("E_DATA", `row ${lines.number} is not a JSON object`);
    }
  }
  return out.finish();
}
