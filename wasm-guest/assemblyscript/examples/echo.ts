// echo: the original tool's WASM echo plugin, one module in three roles.
//   source:    one row {"message": ..., "plugin": "echo-wasm", "type": "source"}, then the end
//   transform: the rows as they are, each with "_echo_processed": true when add_metadata is true
//   sink:      accepts every batch; an empty batch is the error "Received empty data"
import {
  Lines, Members, JsonType, Output, Text, OK, fail, failStatus, jsonTypeName, returnBytes,
  returnEmpty, returnText,
} from "../sdk/conveyor";

export { cv_abi_version, cv_alloc, cv_dealloc, cv_last_error } from "../sdk/conveyor";

const DESCRIPTION = `{"abi":1,"name":"echo","version":"1.0.0",\
"roles":["source","transform","sink"],"format":"ndjson",\
"description":"Echoes rows: as a source one greeting row, as a transform its input \
(marked with _echo_processed), as a sink it accepts every non-empty batch.",\
"parameters":[\
{"name":"message","type":"string","required":false,\
"default":"Hello from WASM Echo Plugin!","description":"The message of the source's row."},\
{"name":"add_metadata","type":"boolean","required":false,"default":true,\
"description":"Whether the transform adds \\"_echo_processed\\": true to each row."},\
{"name":"mode","type":"string","required":false,"default":"auto",\
"description":"auto, source, transform or sink; accepted for pipelines written for the \
original tool: the role follows the stage's place in the pipeline."}\
]}`;

const DEFAULT_MESSAGE = '"Hello from WASM Echo Plugin!"';
const METADATA_MEMBER = '"_echo_processed":true}\n';
const MESSAGE = new Text("message");
const ADD_METADATA = new Text("add_metadata");
const MODE = new Text("mode");
const ECHO_PROCESSED = new Text("_echo_processed");
const MODES = [new Text("auto"), new Text("source"), new Text("transform"), new Text("sink")];

// The message as a JSON string literal, quotes included: copied from the config as it came.
let messageLiteral = DEFAULT_MESSAGE;
let addMetadata = true;
let sourceDone = false;
const members = new Members();

export function cv_describe(): i64 {
  return returnText(DESCRIPTION);
}

function isMode(): bool {
  for (let i = 0; i < MODES.length; i++) {
    if (members.valueIs(MODES[i])) return true;
  }
  return false;
}

export function cv_configure(config: usize, len: i32): i32 {
  addMetadata = true;
  sourceDone = false;
  messageLiteral = DEFAULT_MESSAGE;
  if (!members.begin(config, len)) return failStatus("E_CONFIG", "the configuration is not a JSON object");
  while (members.next()) {
    if (members.keyIs(MESSAGE)) {
      if (members.type != JsonType.STRING) {
        return failStatus("E_CONFIG", "message must be a string, not " + jsonTypeName(members.type));
      }
      messageLiteral = members.valueText();
    } else if (members.keyIs(ADD_METADATA)) {
      if (members.type != JsonType.TRUE && members.type != JsonType.FALSE) {
        return failStatus("E_CONFIG", "add_metadata must be a boolean, not " + jsonTypeName(members.type));
      }
      addMetadata = members.type == JsonType.TRUE;
    } else if (members.keyIs(MODE)) {
      if (!isMode()) return failStatus("E_CONFIG", "mode must be one of auto, source, transform, sink");
    }
  }
  if (members.failed) return failStatus("E_CONFIG", "the configuration is not valid JSON");
  return OK;
}

export function cv_next(): i64 {
  if (sourceDone) return returnEmpty();
  sourceDone = true;
  const row = new Output(96 + messageLiteral.length * 3);
  row.appendText('{"message":').appendText(messageLiteral);
  row.appendText(',"plugin":"echo-wasm","type":"source"}\n');
  return row.finish();
}

// Copies a row's members, leaving out an earlier _echo_processed, and adds the mark last.
function appendMarkedRow(out: Output, ptr: usize, len: i32): bool {
  if (!members.begin(ptr, len)) return false;
  out.appendByte(0x7b); // {
  while (members.next()) {
    if (members.keyIs(ECHO_PROCESSED)) continue;
    out.appendBytes(members.wholePtr, members.wholeLen).appendByte(0x2c); // ,
  }
  out.appendText(METADATA_MEMBER);
  return !members.failed;
}

export function cv_transform(batch: usize, len: i32): i64 {
  if (!addMetadata) return returnBytes(batch, len);
  const out = new Output(len + len / 2 + 64);
  const lines = new Lines(batch, len);
  while (lines.next()) {
    if (!appendMarkedRow(out, lines.ptr, lines.len)) {
      out.discard();
      return fail("E_DATA", `row ${lines.number} is not a JSON object`);
    }
  }
  return out.finish();
}

export function cv_write(batch: usize, len: i32): i32 {
  if (len == 0) return failStatus("E_DATA", "Received empty data");
  return OK;
}
