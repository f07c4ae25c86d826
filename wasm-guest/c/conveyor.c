/* conveyor.c: the ABI plumbing and helpers declared in conveyor.h. */
#include "conveyor.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the exports every module needs ----------------------------------------------------- */

CV_EXPORT("cv_abi_version") int32_t cv_abi_version(void) { return CV_ABI_VERSION; }

/* Never returns 0 for a length of 0: 0 means "out of memory" to the host. */
CV_EXPORT("cv_alloc") int32_t cv_alloc(int32_t len) {
    if (len < 0) return 0;
    return (int32_t)(uintptr_t)malloc(len > 0 ? (size_t)len : 1);
}

CV_EXPORT("cv_dealloc") void cv_dealloc(int32_t ptr, int32_t len) {
    (void)len;
    free((void *)(uintptr_t)ptr);
}

/* The module keeps this buffer: the host copies it and does not free it. */
static const char OUT_OF_MEMORY_ERROR[] = "{\"code\":\"E_NOMEM\",\"message\":\"out of memory\"}";
static const char NO_ERROR[] = "{\"code\":\"E_NONE\",\"message\":\"no error was reported\"}";
static char *last_error;
static size_t last_error_len;

CV_EXPORT("cv_last_error") int64_t cv_last_error(void) {
    if (last_error != NULL) return cv_pack(last_error, last_error_len);
    return cv_pack(NO_ERROR, sizeof NO_ERROR - 1);
}

/* ---- returning buffers ------------------------------------------------------------------ */

cv_packed cv_pack(const void *ptr, size_t len) {
    return (cv_packed)(((uint64_t)(uintptr_t)ptr << 32) | (uint32_t)len);
}

cv_packed cv_return_bytes(const void *data, size_t len) {
    void *copy = malloc(len > 0 ? len : 1);
    if (copy == NULL) return cv_fail("E_NOMEM", "out of memory returning %zu bytes", len);
    if (len > 0) memcpy(copy, data, len); /* an empty input may come as (0, 0) */
    return cv_pack(copy, len);
}

cv_packed cv_return_text(const char *text) { return cv_return_bytes(text, strlen(text)); }

cv_packed cv_return_empty(void) { return cv_return_bytes("", 0); }

/* ---- errors ----------------------------------------------------------------------------- */

static void clear_last_error(void) {
    if (last_error != OUT_OF_MEMORY_ERROR) free(last_error);
    last_error = NULL;
}

static void set_last_error(const char *code, const char *format, va_list args) {
    clear_last_error();
    va_list measuring;
    va_copy(measuring, args);
    int message_len = vsnprintf(NULL, 0, format, measuring);
    va_end(measuring);
    char *message = message_len >= 0 ? malloc((size_t)message_len + 1) : NULL;
    if (message == NULL) return;
    vsnprintf(message, (size_t)message_len + 1, format, args);

    cv_buf json;
    cv_buf_init(&json, (size_t)message_len + strlen(code) + 32);
    cv_buf_append_text(&json, "{\"code\":");
    cv_buf_append_json_string(&json, code, strlen(code));
    cv_buf_append_text(&json, ",\"message\":");
    cv_buf_append_json_string(&json, message, (size_t)message_len);
    cv_buf_append_char(&json, '}');
    free(message);
    if (json.out_of_memory) {
        cv_buf_free(&json);
        return;
    }
    last_error = json.data;
    last_error_len = json.len;
}

static void set_last_error_or_out_of_memory(const char *code, const char *format, va_list args) {
    set_last_error(code, format, args);
    if (last_error == NULL) {
        /* cv_last_error must still explain the failure; a static text needs no memory. */
        last_error = (char *)OUT_OF_MEMORY_ERROR;
        last_error_len = sizeof OUT_OF_MEMORY_ERROR - 1;
    }
}

cv_packed cv_fail(const char *code, const char *format, ...) {
    va_list args;
    va_start(args, format);
    set_last_error_or_out_of_memory(code, format, args);
    va_end(args);
    return CV_ERROR;
}

int cv_fail_status(const char *code, const char *format, ...) {
    va_list args;
    va_start(args, format);
    set_last_error_or_out_of_memory(code, format, args);
    va_end(args);
    return -1;
}

/* ---- text -------------------------------------------------------------------------------- */

cv_str cv_str_of(const char *text) { return (cv_str){text, strlen(text)}; }

/* ---- building outputs ------------------------------------------------------------------- */

void cv_buf_init(cv_buf *buf, size_t initial_capacity) {
    buf->cap = initial_capacity > 0 ? initial_capacity : 16;
    buf->len = 0;
    buf->data = malloc(buf->cap);
    buf->out_of_memory = buf->data == NULL;
    if (buf->out_of_memory) buf->cap = 0;
}

static bool reserve(cv_buf *buf, size_t more) {
    if (buf->out_of_memory) return false;
    if (buf->cap - buf->len >= more) return true;
    size_t wanted = buf->cap * 2 > buf->len + more ? buf->cap * 2 : buf->len + more;
    char *grown = realloc(buf->data, wanted);
    if (grown == NULL) {
        buf->out_of_memory = true;
        return false;
    }
    buf->data = grown;
    buf->cap = wanted;
    return true;
}

void cv_buf_append(cv_buf *buf, const void *data, size_t len) {
    if (!reserve(buf, len)) return;
    memcpy(buf->data + buf->len, data, len);
    buf->len += len;
}

void cv_buf_append_str(cv_buf *buf, cv_str text) { cv_buf_append(buf, text.ptr, text.len); }

void cv_buf_append_text(cv_buf *buf, const char *text) { cv_buf_append(buf, text, strlen(text)); }

void cv_buf_append_char(cv_buf *buf, char c) {
    if (!reserve(buf, 1)) return;
    buf->data[buf->len++] = c;
}

void cv_buf_append_json_string(cv_buf *buf, const char *utf8, size_t len) {
    static const char HEX[] = "0123456789abcdef";
    cv_buf_append_char(buf, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)utf8[i];
        switch (c) {
        case '"': cv_buf_append_text(buf, "\\\""); break;
        case '\\': cv_buf_append_text(buf, "\\\\"); break;
        case '\n': cv_buf_append_text(buf, "\\n"); break;
        case '\r': cv_buf_append_text(buf, "\\r"); break;
        case '\t': cv_buf_append_text(buf, "\\t"); break;
        case '\b': cv_buf_append_text(buf, "\\b"); break;
        case '\f': cv_buf_append_text(buf, "\\f"); break;
        default:
            if (c < 0x20) {
                char escape[] = {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 15]};
                cv_buf_append(buf, escape, sizeof escape);
            } else {
                cv_buf_append_char(buf, (char)c);
            }
        }
    }
    cv_buf_append_char(buf, '"');
}

void cv_buf_append_int64(cv_buf *buf, int64_t value) {
    char text[24];
    int len = snprintf(text, sizeof text, "%lld", (long long)value);
    cv_buf_append(buf, text, (size_t)len);
}

static void append_zeros(cv_buf *buf, int count) {
    for (int i = 0; i < count; i++) cv_buf_append_char(buf, '0');
}

/* ---- doubles ------------------------------------------------------------------------------
 * wasi-libc's strtod and printf work in 128-bit long double, emulated in software: correct but
 * slow. The common cases take an exact shortcut instead: an integer below 2^53 and a power of
 * ten up to 10^22 are both exact in a double, so one multiplication or division of the two is
 * correctly rounded, just as strtod would round the decimal they stand for. */

static const double POWERS_OF_TEN[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
#define EXACT_POWERS 22

/* digits x 10^exponent, correctly rounded; false when the shortcut does not apply. */
static bool exact_decimal(uint64_t digits, int exponent, double *value) {
    if (digits >= (1ULL << 53) || exponent < -EXACT_POWERS || exponent > EXACT_POWERS) return false;
    *value = exponent < 0 ? (double)digits / POWERS_OF_TEN[-exponent] : (double)digits * POWERS_OF_TEN[exponent];
    return true;
}

/* A number literal of up to 15 significant digits and a small exponent, the usual case. */
static bool read_simple_number(cv_str literal, double *value) {
    const char *p = literal.ptr, *end = literal.ptr + literal.len;
    bool negative = p < end && *p == '-';
    if (negative) p++;
    uint64_t digits = 0;
    int significant = 0, exponent = 0;
    bool in_fraction = false;
    for (; p < end && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') {
            in_fraction = true;
            continue;
        }
        if (digits > 0 || *p != '0') significant++;
        if (significant > 15) return false;
        digits = digits * 10 + (uint64_t)(*p - '0');
        if (in_fraction) exponent--;
    }
    if (p < end) {
        int64_t written;
        p++;
        if (p < end && *p == '+') p++;
        if (!cv_json_to_int64((cv_str){p, (size_t)(end - p)}, &written) || written < -100 || written > 100) {
            return false;
        }
        exponent += (int)written;
    }
    if (!exact_decimal(digits, exponent, value)) return false;
    if (negative) *value = -*value;
    return true;
}

/* The shortest digits that read back as value (a finite, positive double), without trailing
 * zeros, and the power of ten of the first one: 0.0125 gives "125" and -2. */
static int shortest_digits(double value, char digits[24], int *exponent) {
    /* Any decimal of up to 15 significant digits survives a trip through a double, so when the
     * shortest digits have 15 or fewer they are the 15-digit rounding of value, zeros dropped;
     * no other 15-digit decimal reads back as value. */
    int power = (int)floor(log10(value));
    for (int attempt = 0; attempt < 2; attempt++) {
        int scale = 14 - power;
        double rounded;
        if (scale < -EXACT_POWERS || scale > EXACT_POWERS) break;
        double scaled = scale < 0 ? value / POWERS_OF_TEN[-scale] : value * POWERS_OF_TEN[scale];
        if (scaled >= 1e15 || scaled < 1e14) {
            power += scaled >= 1e15 ? 1 : -1; /* log10 was off by one next to a power of ten */
            continue;
        }
        uint64_t candidate = (uint64_t)llround(scaled);
        if (candidate >= 1000000000000000ULL) break;
        if (!exact_decimal(candidate, power - 14, &rounded) || rounded != value) break;
        int count = 15;
        for (int i = count - 1; i >= 0; i--, candidate /= 10) digits[i] = (char)('0' + candidate % 10);
        while (count > 1 && digits[count - 1] == '0') count--;
        *exponent = power;
        return count;
    }
    /* 16 or 17 digits, or a value far from 1 (subnormals have fewer digits than 15): the
     * fewest and closest digits that read back, from printf. */
    char scientific[40];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(scientific, sizeof scientific, "%.*e", precision - 1, value);
        if (strtod(scientific, NULL) == value) break;
    }
    int count = 0;
    const char *p = scientific;
    for (; *p != 'e'; p++) {
        if (*p != '.') digits[count++] = *p;
    }
    while (count > 1 && digits[count - 1] == '0') count--;
    *exponent = atoi(p + 1);
    return count;
}

/* ECMAScript's Number::toString layout over the shortest digits; this is also what
 * AssemblyScript prints, so the C and AssemblyScript SDKs write the same text. */
void cv_buf_append_double(cv_buf *buf, double value) {
    if (!isfinite(value)) {
        cv_buf_append_text(buf, "null");
        return;
    }
    if (value == 0) {
        cv_buf_append_text(buf, "0.0"); /* -0 too, as AssemblyScript writes it */
        return;
    }
    if (value < 0) cv_buf_append_char(buf, '-');
    char digits[24];
    int exponent;
    int count = shortest_digits(fabs(value), digits, &exponent);

    int point = exponent + 1; /* how many digits stand before the decimal point */
    if (count <= point && point <= 21) {
        cv_buf_append(buf, digits, (size_t)count);
        append_zeros(buf, point - count);
        cv_buf_append_text(buf, ".0");
    } else if (0 < point && point <= 21) {
        cv_buf_append(buf, digits, (size_t)point);
        cv_buf_append_char(buf, '.');
        cv_buf_append(buf, digits + point, (size_t)(count - point));
    } else if (-6 < point && point <= 0) {
        cv_buf_append_text(buf, "0.");
        append_zeros(buf, -point);
        cv_buf_append(buf, digits, (size_t)count);
    } else {
        cv_buf_append_char(buf, digits[0]);
        if (count > 1) {
            cv_buf_append_char(buf, '.');
            cv_buf_append(buf, digits + 1, (size_t)(count - 1));
        }
        cv_buf_append_char(buf, 'e');
        cv_buf_append_char(buf, exponent < 0 ? '-' : '+');
        cv_buf_append_int64(buf, exponent < 0 ? -exponent : exponent);
    }
}

cv_packed cv_buf_return(cv_buf *buf) {
    if (buf->out_of_memory) {
        size_t wanted = buf->len;
        cv_buf_free(buf);
        return cv_fail("E_NOMEM", "out of memory building an output of more than %zu bytes", wanted);
    }
    cv_packed packed = cv_pack(buf->data, buf->len);
    buf->data = NULL; /* the host owns it now */
    buf->len = buf->cap = 0;
    return packed;
}

void cv_buf_free(cv_buf *buf) {
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

/* ---- reading NDJSON batches ------------------------------------------------------------- */

cv_lines cv_lines_of(const void *batch, size_t len) {
    const char *start = batch;
    return (cv_lines){start, len > 0 ? start + len : start, 0};
}

bool cv_lines_next(cv_lines *lines, cv_str *line) {
    while (lines->next < lines->end) {
        const char *start = lines->next;
        const char *newline = memchr(start, '\n', (size_t)(lines->end - start));
        const char *stop = newline != NULL ? newline : lines->end;
        lines->next = newline != NULL ? newline + 1 : lines->end;
        lines->number++;
        if (stop > start && stop[-1] == '\r') stop--;
        if (stop > start) {
            *line = (cv_str){start, (size_t)(stop - start)};
            return true;
        }
    }
    return false;
}

/* ---- reading JSON objects --------------------------------------------------------------- */

static const char *skip_whitespace(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

/* p is at the opening quote; returns the position after the closing quote, or NULL. */
static const char *scan_string(const char *p, const char *end) {
    for (p++; p < end; p++) {
        if (*p == '"') return p + 1;
        if (*p == '\\') p++;
    }
    return NULL;
}

static const char *scan_digits(const char *p, const char *end) {
    const char *start = p;
    while (p < end && *p >= '0' && *p <= '9') p++;
    return p > start ? p : NULL;
}

static const char *scan_number(const char *p, const char *end) {
    if (p < end && *p == '-') p++;
    p = scan_digits(p, end);
    if (p != NULL && p < end && *p == '.') p = scan_digits(p + 1, end);
    if (p != NULL && p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        p = scan_digits(p, end);
    }
    return p;
}

/* Skips a nested object or array without entering it: brackets are counted outside strings. */
static const char *scan_nested(const char *p, const char *end) {
    int depth = 0;
    for (; p < end; p++) {
        if (*p == '"') {
            p = scan_string(p, end);
            if (p == NULL) return NULL;
            p--;
        } else if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            if (--depth == 0) return p + 1;
        }
    }
    return NULL;
}

static const char *scan_word(const char *p, const char *end, const char *word) {
    size_t len = strlen(word);
    return (size_t)(end - p) >= len && memcmp(p, word, len) == 0 ? p + len : NULL;
}

static const char *scan_value(const char *p, const char *end, cv_json_type *type) {
    if (p >= end) return NULL;
    switch (*p) {
    case '"': *type = CV_JSON_STRING; return scan_string(p, end);
    case '{': *type = CV_JSON_OBJECT; return scan_nested(p, end);
    case '[': *type = CV_JSON_ARRAY; return scan_nested(p, end);
    case 't': *type = CV_JSON_TRUE; return scan_word(p, end, "true");
    case 'f': *type = CV_JSON_FALSE; return scan_word(p, end, "false");
    case 'n': *type = CV_JSON_NULL; return scan_word(p, end, "null");
    default: *type = CV_JSON_NUMBER; return scan_number(p, end);
    }
}

bool cv_json_members_begin(cv_json_members *members, cv_str object) {
    const char *end = object.ptr + object.len;
    const char *p = skip_whitespace(object.ptr, end);
    bool is_object = p < end && *p == '{';
    *members = (cv_json_members){is_object ? p + 1 : NULL, end, true, !is_object};
    return is_object;
}

static bool members_failed(cv_json_members *members) {
    members->failed = true;
    members->pos = NULL;
    return false;
}

bool cv_json_members_next(cv_json_members *members, cv_json_member *member) {
    if (members->pos == NULL) return false;
    const char *end = members->end;
    const char *p = skip_whitespace(members->pos, end);
    if (p < end && *p == '}') {
        members->pos = NULL;
        return false;
    }
    if (!members->first) {
        if (p >= end || *p != ',') return members_failed(members);
        p = skip_whitespace(p + 1, end);
    }
    members->first = false;

    if (p >= end || *p != '"') return members_failed(members);
    const char *key_end = scan_string(p, end);
    if (key_end == NULL) return members_failed(members);
    member->key = (cv_str){p, (size_t)(key_end - p)};

    const char *colon = skip_whitespace(key_end, end);
    if (colon >= end || *colon != ':') return members_failed(members);
    const char *value = skip_whitespace(colon + 1, end);
    const char *value_end = scan_value(value, end, &member->type);
    if (value_end == NULL) return members_failed(members);
    member->value = (cv_str){value, (size_t)(value_end - value)};
    member->whole = (cv_str){p, (size_t)(value_end - p)};
    members->pos = value_end;
    return true;
}

bool cv_json_find(cv_str object, const char *key, cv_json_member *member) {
    cv_json_members members;
    if (!cv_json_members_begin(&members, object)) return false;
    while (cv_json_members_next(&members, member)) {
        if (cv_json_key_is(member, key)) return true;
    }
    return false;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Reads the 4 hex digits of a \u escape at p (after "\u"); -1 if they are not hex. */
static int32_t read_hex4(const char *p, const char *end) {
    if (end - p < 4) return -1;
    int32_t value = 0;
    for (int i = 0; i < 4; i++) {
        int digit = hex_value(p[i]);
        if (digit < 0) return -1;
        value = value * 16 + digit;
    }
    return value;
}

static size_t encode_utf8(uint32_t code_point, char out[4]) {
    if (code_point < 0x80) {
        out[0] = (char)code_point;
        return 1;
    }
    if (code_point < 0x800) {
        out[0] = (char)(0xC0 | (code_point >> 6));
        out[1] = (char)(0x80 | (code_point & 0x3F));
        return 2;
    }
    if (code_point < 0x10000) {
        out[0] = (char)(0xE0 | (code_point >> 12));
        out[1] = (char)(0x80 | ((code_point >> 6) & 0x3F));
        out[2] = (char)(0x80 | (code_point & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (code_point >> 18));
    out[1] = (char)(0x80 | ((code_point >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code_point >> 6) & 0x3F));
    out[3] = (char)(0x80 | (code_point & 0x3F));
    return 4;
}

/* Decodes one character of a string literal's contents at *p into out (UTF-8) and moves *p
 * past it. Bytes that are not escapes are copied one at a time. */
static size_t decode_one(const char **p, const char *end, char out[4]) {
    const char *s = *p;
    if (*s != '\\' || end - s < 2) {
        *p = s + 1;
        out[0] = *s;
        return 1;
    }
    char escaped = s[1];
    *p = s + 2;
    switch (escaped) {
    case 'b': out[0] = '\b'; return 1;
    case 'f': out[0] = '\f'; return 1;
    case 'n': out[0] = '\n'; return 1;
    case 'r': out[0] = '\r'; return 1;
    case 't': out[0] = '\t'; return 1;
    case 'u': break;
    default: out[0] = escaped; return 1;
    }
    int32_t unit = read_hex4(s + 2, end);
    if (unit < 0) return encode_utf8(0xFFFD, out);
    *p = s + 6;
    if (unit >= 0xD800 && unit <= 0xDBFF && end - *p >= 6 && (*p)[0] == '\\' && (*p)[1] == 'u') {
        int32_t low = read_hex4(*p + 2, end);
        if (low >= 0xDC00 && low <= 0xDFFF) {
            *p += 6;
            return encode_utf8(0x10000 + (((uint32_t)unit - 0xD800) << 10) + ((uint32_t)low - 0xDC00), out);
        }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) return encode_utf8(0xFFFD, out);
    return encode_utf8((uint32_t)unit, out);
}

static bool literal_contents(cv_str literal, const char **start, const char **end) {
    if (literal.len < 2 || literal.ptr[0] != '"' || literal.ptr[literal.len - 1] != '"') return false;
    *start = literal.ptr + 1;
    *end = literal.ptr + literal.len - 1;
    return true;
}

bool cv_json_string_equals(cv_str literal, const char *text, size_t text_len) {
    const char *p, *end;
    if (!literal_contents(literal, &p, &end)) return false;
    if (memchr(p, '\\', (size_t)(end - p)) == NULL) { /* no escape: the bytes are the text */
        return (size_t)(end - p) == text_len && memcmp(p, text, text_len) == 0;
    }
    size_t matched = 0;
    while (p < end) {
        char decoded[4];
        size_t n = decode_one(&p, end, decoded);
        if (text_len - matched < n || memcmp(text + matched, decoded, n) != 0) return false;
        matched += n;
    }
    return matched == text_len;
}

bool cv_json_key_is(const cv_json_member *member, const char *key) {
    return cv_json_string_equals(member->key, key, strlen(key));
}

char *cv_json_string_dup(cv_str literal) {
    const char *p, *end;
    if (!literal_contents(literal, &p, &end)) return NULL;
    /* Decoding never makes a text longer: the longest UTF-8 output of an escape is shorter
     * than the escape. */
    char *text = malloc((size_t)(end - p) + 1);
    if (text == NULL) return NULL;
    size_t len = 0;
    while (p < end) len += decode_one(&p, end, text + len);
    text[len] = '\0';
    return text;
}

bool cv_json_number_is_integer(cv_str literal) {
    if (literal.len == 0) return false;
    for (size_t i = 0; i < literal.len; i++) {
        char c = literal.ptr[i];
        if (!(c >= '0' && c <= '9') && !(c == '-' && i == 0)) return false;
    }
    return literal.len > 1 || literal.ptr[0] != '-';
}

bool cv_json_to_int64(cv_str literal, int64_t *value) {
    if (!cv_json_number_is_integer(literal)) return false;
    bool negative = literal.ptr[0] == '-';
    /* Accumulate negatively: INT64_MIN has no positive counterpart. */
    int64_t result = 0;
    for (size_t i = negative ? 1 : 0; i < literal.len; i++) {
        int digit = literal.ptr[i] - '0';
        if (result < (INT64_MIN + digit) / 10) return false;
        result = result * 10 - digit;
    }
    if (!negative && result == INT64_MIN) return false;
    *value = negative ? result : -result;
    return true;
}

bool cv_json_to_double(cv_str literal, double *value) {
    if (literal.len == 0 || scan_number(literal.ptr, literal.ptr + literal.len) != literal.ptr + literal.len) {
        return false;
    }
    if (read_simple_number(literal, value)) return true;
    char small[64];
    char *text = literal.len < sizeof small ? small : malloc(literal.len + 1);
    if (text == NULL) return false;
    memcpy(text, literal.ptr, literal.len);
    text[literal.len] = '\0';
    *value = strtod(text, NULL);
    if (text != small) free(text);
    return true;
}

const char *cv_json_type_name(cv_json_type type) {
    switch (type) {
    case CV_JSON_STRING: return "a string";
    case CV_JSON_NUMBER: return "a number";
    case CV_JSON_TRUE:
    case CV_JSON_FALSE: return "a boolean";
    case CV_JSON_NULL: return "null";
    case CV_JSON_OBJECT: return "an object";
    case CV_JSON_ARRAY: return "an array";
    }
    return "a value";
}
