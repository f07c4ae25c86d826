// conveyor.ts: the guest side of the Conveyor WASM plugin ABI, version 1 (docs/wasm-abi.md),
// in AssemblyScript.
//
// Your plugin's entry file re-exports the plumbing every module needs:
//   export { cv_abi_version, cv_alloc, cv_dealloc, cv_last_error } from "../sdk/conveyor";
// and exports cv_describe, cv_configure and what its roles need: cv_transform (and optionally
// cv_finish), cv_next, cv_write (and optionally cv_commit).
//
// Batches are read in place, as bytes of the module's memory (no string is made per row), and
// outputs are built in an Output, which the host frees with cv_dealloc once it has copied it.
// Build with the options of ../asconfig.json: runtime "minimal", whose collector runs only when
// cv_dealloc calls it, so plugin code needs no shadow stack and runs as fast as C; "stub"
// never frees and a long run would run out of memory.

export const ABI_VERSION: i32 = 1;

// ---- the exports every module needs ---------------------------------------------------------

export function cv_abi_version(): i32 {
  return ABI_VERSION;
}

// Outside the garbage collector: the host owns what it asks for until it calls cv_dealloc.
// Running out of memory traps (AssemblyScript's allocator aborts), which the host reports.
export function cv_alloc(len: i32): usize {
  if (len < 0) return 0;
  return heap.alloc(<usize>max(len, 1));
}

// The host calls this after each call that made garbage (it frees that call's input or output),
// when no plugin code is running and no object is referenced from the stack: the garbage
// collector of the "minimal" runtime, which never runs by itself, runs here.
export function cv_dealloc(ptr: usize, len: i32): void {
  heap.free(ptr);
  __collect();
}

// The module keeps this buffer: the host copies it and does not free it.
let lastErrorPtr: usize = 0;
let lastErrorLen: i32 = 0;

export function cv_last_error(): i64 {
  if (lastErrorPtr == 0) {
    setLastError("E_NONE", "no error was reported");
  }
  return pack(lastErrorPtr, lastErrorLen);
}

// ---- returning buffers ---------------------------------------------------------------------

// A packed buffer: (ptr << 32) | len. 0 tells the host to call cv_last_error.
export const ERROR: i64 = 0;
// What cv_configure, cv_write and cv_commit return when all is well.
export const OK: i32 = 0;

export function pack(ptr: usize, len: i32): i64 {
  return (<i64>ptr << 32) | <i64>(<u32>len);
}

// Returns a fresh copy of len bytes at ptr; the host frees it.
export function returnBytes(ptr: usize, len: i32): i64 {
  const copy = heap.alloc(<usize>max(len, 1));
  memory.copy(copy, ptr, <usize>len);
  return pack(copy, len);
}

// Returns a text as UTF-8, such as the self-description.
export function returnText(text: string): i64 {
  const out = new Output(String.UTF8.byteLength(text));
  out.appendText(text);
  return out.finish();
}

// An empty result that is not an error: the end of a source's stream, a transform that keeps no row.
export function returnEmpty(): i64 {
  return pack(heap.alloc(1), 0);
}

// ---- errors --------------------------------------------------------------------------------

function setLastError(code: string, message: string): void {
  if (lastErrorPtr != 0) heap.free(lastErrorPtr);
  const json = new Output(String.UTF8.byteLength(message) + 32);
  json.appendText('{"code":').appendJsonString(code);
  json.appendText(',"message":').appendJsonString(message).appendByte(0x7d); // }
  lastErrorLen = json.len;
  lastErrorPtr = json.release();
}

// Sets what cv_last_error returns, {"code": code, "message": message}, and returns ERROR, for
// the exports that return a packed buffer.
export function fail(code: string, message: string): i64 {
  setLastError(code, message);
  return ERROR;
}

// The same for cv_configure, cv_write and cv_commit: returns -1.
export function failStatus(code: string, message: string): i32 {
  setLastError(code, message);
  return -1;
}

// ---- UTF-8 texts to compare with --------------------------------------------------------------

// A text encoded once as UTF-8, to compare with keys and string values without allocating:
// make them once, at the top level (const STATUS = new Text("status")).
export class Text {
  readonly bytes: ArrayBuffer;
  readonly value: string;

  constructor(value: string) {
    this.value = value;
    this.bytes = String.UTF8.encode(value);
  }

  get ptr(): usize {
    return changetype<usize>(this.bytes);
  }

  get len(): i32 {
    return this.bytes.byteLength;
  }
}

// ---- building outputs ------------------------------------------------------------------------

const QUOTE: u8 = 0x22;
const BACKSLASH: u8 = 0x5c;
const COMMA: u8 = 0x2c;
const NEWLINE: u8 = 0x0a;
const HEX = "0123456789abcdef";

// A growing output buffer outside the garbage collector; finish() hands it to the host.
export class Output {
  ptr: usize;
  len: i32 = 0;
  private cap: i32;

  constructor(capacity: i32) {
    this.cap = max(capacity, 16);
    this.ptr = heap.alloc(<usize>this.cap);
  }

  private reserve(more: i32): void {
    if (this.cap - this.len >= more) return;
    const wanted = max(max(this.cap * 2, this.len + more), 16);
    this.ptr = this.ptr == 0 ? heap.alloc(<usize>wanted) : heap.realloc(this.ptr, <usize>wanted);
    this.cap = wanted;
  }

  appendBytes(ptr: usize, len: i32): Output {
    this.reserve(len);
    memory.copy(this.ptr + <usize>this.len, ptr, <usize>len);
    this.len += len;
    return this;
  }

  appendByte(byte: u8): Output {
    this.reserve(1);
    store<u8>(this.ptr + <usize>this.len, byte);
    this.len++;
    return this;
  }

  appendText(text: string): Output {
    const len = String.UTF8.byteLength(text);
    this.reserve(len);
    String.UTF8.encodeUnsafe(changetype<usize>(text), text.length, this.ptr + <usize>this.len);
    this.len += len;
    return this;
  }

  appendUtf8(text: Text): Output {
    return this.appendBytes(text.ptr, text.len);
  }

  // Appends text as a JSON string literal, quotes included, escaping what JSON requires.
  appendJsonString(text: string): Output {
    const utf8 = String.UTF8.encode(text);
    const start = changetype<usize>(utf8);
    this.appendByte(QUOTE);
    for (let i = 0; i < utf8.byteLength; i++) {
      const c = load<u8>(start + <usize>i);
      if (c == QUOTE) this.appendText('\\"');
      else if (c == BACKSLASH) this.appendText("\\\\");
      else if (c == 0x0a) this.appendText("\\n");
      else if (c == 0x0d) this.appendText("\\r");
      else if (c == 0x09) this.appendText("\\t");
      else if (c == 0x08) this.appendText("\\b");
      else if (c == 0x0c) this.appendText("\\f");
      else if (c < 0x20) this.appendText("\\u00" + HEX.charAt(c >> 4) + HEX.charAt(c & 15));
      else this.appendByte(c);
    }
    return this.appendByte(QUOTE);
  }

  appendI64(value: i64): Output {
    return this.appendText(value.toString());
  }

  // Writes a double as JavaScript does (shortest digits that read back the same), with ".0"
  // on whole numbers so the host reads the field as a float; NaN and infinities as null.
  appendF64(value: f64): Output {
    if (!isFinite(value)) return this.appendText("null");
    return this.appendText(value.toString());
  }

  // Hands the buffer over and returns its address (never 0); the Output is empty afterwards.
  release(): usize {
    if (this.ptr == 0) this.reserve(1);
    const ptr = this.ptr;
    this.ptr = 0;
    this.cap = 0;
    this.len = 0;
    return ptr;
  }

  // Hands the buffer to the host (it frees it) as a packed buffer.
  finish(): i64 {
    const len = this.len;
    return pack(this.release(), len);
  }

  // Frees the buffer when the output is abandoned (an error).
  discard(): void {
    if (this.ptr != 0) heap.free(this.ptr);
    this.ptr = 0;
    this.cap = 0;
    this.len = 0;
  }
}

// ---- reading NDJSON batches -----------------------------------------------------------------

// Iterates the lines of a batch in place. Blank lines are skipped and a trailing '\r' is
// dropped; number is the 1-based line number of the current line, for error messages.
export class Lines {
  ptr: usize = 0;
  len: i32 = 0;
  number: i32 = 0;
  private next_: usize;
  private end: usize;

  constructor(batch: usize, len: i32) {
    this.next_ = batch;
    this.end = batch + <usize>len;
  }

  next(): bool {
    while (this.next_ < this.end) {
      const start = this.next_;
      let stop = start;
      while (stop < this.end && load<u8>(stop) != NEWLINE) stop++;
      this.next_ = stop < this.end ? stop + 1 : this.end;
      this.number++;
      if (stop > start && load<u8>(stop - 1) == 0x0d) stop--;
      if (stop > start) {
        this.ptr = start;
        this.len = <i32>(stop - start);
        return true;
      }
    }
    return false;
  }
}

// ---- reading JSON objects ------------------------------------------------------------------

export enum JsonType {
  STRING,
  NUMBER,
  TRUE,
  FALSE,
  NULL,
  OBJECT,
  ARRAY,
}

export function jsonTypeName(type: JsonType): string {
  switch (type) {
    case JsonType.STRING: return "a string";
    case JsonType.NUMBER: return "a number";
    case JsonType.TRUE:
    case JsonType.FALSE: return "a boolean";
    case JsonType.NULL: return "null";
    case JsonType.OBJECT: return "an object";
    case JsonType.ARRAY: return "an array";
  }
  return "a value";
}

// Iterates the top-level members of a JSON object in place; reuse one for every row.
// After next(), key and value are spans of the original text (a string keeps its quotes and
// escapes), and whole covers `"key": value`, ready to be copied into an output row.
// Nested objects and arrays are skipped, not entered.
export class Members {
  keyPtr: usize = 0;
  keyLen: i32 = 0;
  valuePtr: usize = 0;
  valueLen: i32 = 0;
  wholePtr: usize = 0;
  wholeLen: i32 = 0;
  type: JsonType = JsonType.NULL;
  // Set when the text turned out not to be valid JSON.
  failed: bool = false;
  private pos: usize = 0;
  private end: usize = 0;
  private first: bool = true;

  // Starts on the object at ptr; false if the text does not start with '{'.
  begin(ptr: usize, len: i32): bool {
    this.end = ptr + <usize>len;
    const p = skipWhitespace(ptr, this.end);
    const isObject = p < this.end && load<u8>(p) == 0x7b; // {
    this.pos = isObject ? p + 1 : 0;
    this.first = true;
    this.failed = !isObject;
    return isObject;
  }

  // The next member; false at the end of the object or when the text is invalid (failed).
  next(): bool {
    if (this.pos == 0) return false;
    const end = this.end;
    let p = skipWhitespace(this.pos, end);
    if (p < end && load<u8>(p) == 0x7d) { // }
      this.pos = 0;
      return false;
    }
    if (!this.first) {
      if (p >= end || load<u8>(p) != COMMA) return this.fail();
      p = skipWhitespace(p + 1, end);
    }
    this.first = false;

    if (p >= end || load<u8>(p) != QUOTE) return this.fail();
    const keyEnd = scanString(p, end);
    if (keyEnd == 0) return this.fail();
    this.keyPtr = p;
    this.keyLen = <i32>(keyEnd - p);

    const colon = skipWhitespace(keyEnd, end);
    if (colon >= end || load<u8>(colon) != 0x3a) return this.fail(); // :
    const value = skipWhitespace(colon + 1, end);
    const valueEnd = this.scanValue(value, end);
    if (valueEnd == 0) return this.fail();
    this.valuePtr = value;
    this.valueLen = <i32>(valueEnd - value);
    this.wholePtr = p;
    this.wholeLen = <i32>(valueEnd - p);
    this.pos = valueEnd;
    return true;
  }

  keyIs(name: Text): bool {
    return jsonStringEquals(this.keyPtr, this.keyLen, name);
  }

  valueIs(text: Text): bool {
    return jsonStringEquals(this.valuePtr, this.valueLen, text);
  }

  // The decoded string value (call only when type is STRING).
  valueString(): string {
    return jsonStringDecode(this.valuePtr, this.valueLen);
  }

  // The value's JSON text as a string, for numbers.
  valueText(): string {
    return String.UTF8.decodeUnsafe(this.valuePtr, <usize>this.valueLen);
  }

  private fail(): bool {
    this.failed = true;
    this.pos = 0;
    return false;
  }

  private scanValue(p: usize, end: usize): usize {
    if (p >= end) return 0;
    const c = load<u8>(p);
    if (c == QUOTE) { this.type = JsonType.STRING; return scanString(p, end); }
    if (c == 0x7b || c == 0x5b) { // { [
      this.type = c == 0x7b ? JsonType.OBJECT : JsonType.ARRAY;
      return scanNested(p, end);
    }
    if (c == 0x74) { this.type = JsonType.TRUE; return scanWord(p, end, "true"); }
    if (c == 0x66) { this.type = JsonType.FALSE; return scanWord(p, end, "false"); }
    if (c == 0x6e) { this.type = JsonType.NULL; return scanWord(p, end, "null"); }
    this.type = JsonType.NUMBER;
    return scanNumber(p, end);
  }
}

function skipWhitespace(p: usize, end: usize): usize {
  while (p < end) {
    const c = load<u8>(p);
    if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
    p++;
  }
  return p;
}

// p is at the opening quote; returns the position after the closing quote, or 0.
function scanString(p: usize, end: usize): usize {
  for (p++; p < end; p++) {
    const c = load<u8>(p);
    if (c == QUOTE) return p + 1;
    if (c == BACKSLASH) p++;
  }
  return 0;
}

function scanDigits(p: usize, end: usize): usize {
  const start = p;
  while (p < end && isDigit(load<u8>(p))) p++;
  return p > start ? p : 0;
}

function scanNumber(p: usize, end: usize): usize {
  if (p < end && load<u8>(p) == 0x2d) p++; // -
  p = scanDigits(p, end);
  if (p != 0 && p < end && load<u8>(p) == 0x2e) p = scanDigits(p + 1, end); // .
  if (p != 0 && p < end && (load<u8>(p) | 0x20) == 0x65) { // e E
    p++;
    if (p < end && (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d)) p++;
    p = scanDigits(p, end);
  }
  return p;
}

// Skips a nested object or array without entering it: brackets are counted outside strings.
function scanNested(p: usize, end: usize): usize {
  let depth = 0;
  while (p < end) {
    const c = load<u8>(p);
    if (c == QUOTE) {
      p = scanString(p, end);
      if (p == 0) return 0;
      continue;
    }
    if (c == 0x7b || c == 0x5b) depth++;
    else if (c == 0x7d || c == 0x5d) {
      if (--depth == 0) return p + 1;
    }
    p++;
  }
  return 0;
}

function scanWord(p: usize, end: usize, word: string): usize {
  const len = <usize>word.length;
  if (end - p < len) return 0;
  for (let i: usize = 0; i < len; i++) {
    if (<i32>load<u8>(p + i) != word.charCodeAt(<i32>i)) return 0;
  }
  return p + len;
}

function isDigit(c: u8): bool {
  return c >= 0x30 && c <= 0x39;
}

// ---- JSON strings -----------------------------------------------------------------------------

function hexValue(c: u8): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

// The 4 hex digits of a \u escape at p (after "\u"); -1 if they are not hex.
function readHex4(p: usize, end: usize): i32 {
  if (end - p < 4) return -1;
  let value = 0;
  for (let i: usize = 0; i < 4; i++) {
    const digit = hexValue(load<u8>(p + i));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

function encodeUtf8(codePoint: u32, out: usize): i32 {
  if (codePoint < 0x80) {
    store<u8>(out, <u8>codePoint);
    return 1;
  }
  if (codePoint < 0x800) {
    store<u8>(out, <u8>(0xc0 | (codePoint >> 6)));
    store<u8>(out + 1, <u8>(0x80 | (codePoint & 0x3f)));
    return 2;
  }
  if (codePoint < 0x10000) {
    store<u8>(out, <u8>(0xe0 | (codePoint >> 12)));
    store<u8>(out + 1, <u8>(0x80 | ((codePoint >> 6) & 0x3f)));
    store<u8>(out + 2, <u8>(0x80 | (codePoint & 0x3f)));
    return 3;
  }
  store<u8>(out, <u8>(0xf0 | (codePoint >> 18)));
  store<u8>(out + 1, <u8>(0x80 | ((codePoint >> 12) & 0x3f)));
  store<u8>(out + 2, <u8>(0x80 | ((codePoint >> 6) & 0x3f)));
  store<u8>(out + 3, <u8>(0x80 | (codePoint & 0x3f)));
  return 4;
}

// Where decodeOne left off.
let decodedEnd: usize = 0;

// Decodes one character of a string literal's contents at p into out (UTF-8, up to 4 bytes),
// returns its length and sets decodedEnd. Bytes that are not escapes are copied one at a time;
// escaped lone surrogates become U+FFFD.
function decodeOne(p: usize, end: usize, out: usize): i32 {
  const c = load<u8>(p);
  if (c != BACKSLASH || end - p < 2) {
    decodedEnd = p + 1;
    store<u8>(out, c);
    return 1;
  }
  const escaped = load<u8>(p + 1);
  decodedEnd = p + 2;
  if (escaped == 0x62) { store<u8>(out, 0x08); return 1; } // b
  if (escaped == 0x66) { store<u8>(out, 0x0c); return 1; } // f
  if (escaped == 0x6e) { store<u8>(out, 0x0a); return 1; } // n
  if (escaped == 0x72) { store<u8>(out, 0x0d); return 1; } // r
  if (escaped == 0x74) { store<u8>(out, 0x09); return 1; } // t
  if (escaped != 0x75) { store<u8>(out, escaped); return 1; } // not u: " \ / and the like
  const unit = readHex4(p + 2, end);
  if (unit < 0) return encodeUtf8(0xfffd, out);
  decodedEnd = p + 6;
  const next = decodedEnd;
  if (unit >= 0xd800 && unit <= 0xdbff && end - next >= 6
      && load<u8>(next) == BACKSLASH && load<u8>(next + 1) == 0x75) {
    const low = readHex4(next + 2, end);
    if (low >= 0xdc00 && low <= 0xdfff) {
      decodedEnd = next + 6;
      return encodeUtf8(0x10000 + ((<u32>unit - 0xd800) << 10) + (<u32>low - 0xdc00), out);
    }
  }
  if (unit >= 0xd800 && unit <= 0xdfff) return encodeUtf8(0xfffd, out);
  return encodeUtf8(<u32>unit, out);
}

const scratch = memory.data(4);

function isStringLiteral(ptr: usize, len: i32): bool {
  return len >= 2 && load<u8>(ptr) == QUOTE && load<u8>(ptr + <usize>len - 1) == QUOTE;
}

function containsBackslash(p: usize, end: usize): bool {
  for (; p < end; p++) {
    if (load<u8>(p) == BACKSLASH) return true;
  }
  return false;
}

// Whether a JSON string literal (quotes included) decodes to exactly text.
export function jsonStringEquals(ptr: usize, len: i32, text: Text): bool {
  if (!isStringLiteral(ptr, len)) return false;
  let p = ptr + 1;
  const end = ptr + <usize>len - 1;
  const expected = text.ptr;
  const expectedLen = text.len;
  if (!containsBackslash(p, end)) { // no escape: the bytes are the text
    return <i32>(end - p) == expectedLen && memory.compare(p, expected, <usize>expectedLen) == 0;
  }
  let matched = 0;
  while (p < end) {
    const n = decodeOne(p, end, scratch);
    p = decodedEnd;
    if (expectedLen - matched < n) return false;
    for (let i = 0; i < n; i++) {
      if (load<u8>(scratch + <usize>i) != load<u8>(expected + <usize>(matched + i))) return false;
    }
    matched += n;
  }
  return matched == expectedLen;
}

// Decodes a JSON string literal (quotes included) into a string.
export function jsonStringDecode(ptr: usize, len: i32): string {
  if (!isStringLiteral(ptr, len)) return "";
  // Decoding never makes a text longer: an escape's UTF-8 output is shorter than the escape.
  const buffer = heap.alloc(<usize>len);
  let p = ptr + 1;
  const end = ptr + <usize>len - 1;
  let decodedLen = 0;
  while (p < end) {
    decodedLen += decodeOne(p, end, buffer + <usize>decodedLen);
    p = decodedEnd;
  }
  const text = String.UTF8.decodeUnsafe(buffer, <usize>decodedLen);
  heap.free(buffer);
  return text;
}

// ---- JSON numbers ---------------------------------------------------------------------------

// A number literal without a fraction or an exponent.
export function jsonNumberIsInteger(ptr: usize, len: i32): bool {
  if (len == 0) return false;
  for (let i = 0; i < len; i++) {
    const c = load<u8>(ptr + <usize>i);
    if (!isDigit(c) && !(c == 0x2d && i == 0)) return false;
  }
  return len > 1 || load<u8>(ptr) != 0x2d;
}

// Set by jsonToI64: whether the literal was an integer that fits in 64 bits.
export let integerParsed: bool = false;

// Reads an integer literal; integerParsed is false if it is not one or does not fit in 64 bits.
export function jsonToI64(ptr: usize, len: i32): i64 {
  integerParsed = false;
  if (!jsonNumberIsInteger(ptr, len)) return 0;
  const negative = load<u8>(ptr) == 0x2d;
  // Accumulate negatively: i64.MIN_VALUE has no positive counterpart.
  let result: i64 = 0;
  for (let i = negative ? 1 : 0; i < len; i++) {
    const digit = <i64>(load<u8>(ptr + <usize>i) - 0x30);
    if (result < (i64.MIN_VALUE + digit) / 10) return 0;
    result = result * 10 - digit;
  }
  if (!negative && result == i64.MIN_VALUE) return 0;
  integerParsed = true;
  return negative ? result : -result;
}

// Reads any number literal.
export function jsonToF64(ptr: usize, len: i32): f64 {
  return parseFloat(String.UTF8.decodeUnsafe(ptr, <usize>len));
}
