/*
 * running.total: a stateful transform. Each row gets "running_total", the sum of a numeric
 * field (config "field") over this row and every row before it, across all batches of the run.
 * The total stays an integer while every value was one; after the first fractional value it is
 * a float, written with a decimal point, so the column keeps one type from batch to batch.
 * A row whose field is missing or null adds nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "conveyor.h"

static const char DESCRIPTION[] =
    "{\"abi\":1,\"name\":\"running.total\",\"version\":\"1.0.0\",\"roles\":[\"transform\"],"
    "\"format\":\"ndjson\","
    "\"description\":\"Adds running_total, the cumulative sum of a numeric field over the whole run. "
    "Missing and null values add nothing; the total is an integer until a fractional value appears.\","
    "\"parameters\":["
    "{\"name\":\"field\",\"type\":\"string\",\"required\":true,"
    "\"description\":\"The numeric field to add up.\"}"
    "]}";

#define TOTAL_KEY "running_total"

static char *field;
static size_t field_len;

/* The state of one run: cv_configure starts it afresh. */
static bool total_is_float;
static int64_t integer_total;
static double float_total;

CV_EXPORT("cv_describe") cv_packed cv_describe(void) { return cv_return_text(DESCRIPTION); }

CV_EXPORT("cv_configure") int32_t cv_configure(const char *config, int32_t len) {
    total_is_float = false;
    integer_total = 0;
    float_total = 0;

    cv_json_member member;
    if (!cv_json_find((cv_str){config, (size_t)len}, "field", &member)) {
        return cv_fail_status("E_CONFIG", "field is required");
    }
    if (member.type != CV_JSON_STRING) {
        return cv_fail_status("E_CONFIG", "field must be a string, not %s", cv_json_type_name(member.type));
    }
    char *name = cv_json_string_dup(member.value);
    if (name == NULL) return cv_fail_status("E_NOMEM", "out of memory reading field");
    if (name[0] == '\0') {
        free(name);
        return cv_fail_status("E_CONFIG", "field must not be empty");
    }
    free(field);
    field = name;
    field_len = strlen(name);
    return CV_OK;
}

/* Adds a number literal to the total; false (with the error set) when the total cannot hold it. */
static bool add_to_total(cv_str number, size_t row_number) {
    if (!total_is_float && cv_json_number_is_integer(number)) {
        int64_t value;
        if (!cv_json_to_int64(number, &value) || __builtin_add_overflow(integer_total, value, &integer_total)) {
            cv_fail("E_DATA", "row %zu: the running total of %s overflows a 64-bit integer", row_number, field);
            return false;
        }
        return true;
    }
    if (!total_is_float) {
        total_is_float = true;
        float_total = (double)integer_total;
    }
    double value;
    cv_json_to_double(number, &value);
    float_total += value;
    if (!isfinite(float_total)) {
        cv_fail("E_DATA", "row %zu: the running total of %s is beyond the range of a float", row_number, field);
        return false;
    }
    return true;
}

/* Copies a row without an earlier running_total and adds the updated total as its last field. */
static bool append_row_with_total(cv_buf *out, cv_str row, size_t row_number) {
    cv_json_members members;
    cv_json_member member;
    bool field_seen = false;
    if (!cv_json_members_begin(&members, row)) {
        cv_fail("E_DATA", "row %zu is not a JSON object", row_number);
        return false;
    }
    cv_buf_append_char(out, '{');
    while (cv_json_members_next(&members, &member)) {
        if (!field_seen && cv_json_string_equals(member.key, field, field_len)) {
            field_seen = true;
            if (member.type == CV_JSON_NUMBER) {
                if (!add_to_total(member.value, row_number)) return false;
            } else if (member.type != CV_JSON_NULL) {
                cv_fail("E_DATA", "row %zu: %s is %s, not a number", row_number, field, cv_json_type_name(member.type));
                return false;
            }
        }
        if (cv_json_key_is(&member, TOTAL_KEY)) continue;
        cv_buf_append_str(out, member.whole);
        cv_buf_append_char(out, ',');
    }
    if (members.failed) {
        cv_fail("E_DATA", "row %zu is not a JSON object", row_number);
        return false;
    }
    cv_buf_append_text(out, "\"" TOTAL_KEY "\":");
    if (total_is_float) {
        cv_buf_append_double(out, float_total);
    } else {
        cv_buf_append_int64(out, integer_total);
    }
    cv_buf_append_text(out, "}\n");
    return true;
}

CV_EXPORT("cv_transform") cv_packed cv_transform(const char *batch, int32_t len) {
    cv_buf out;
    cv_buf_init(&out, (size_t)len + (size_t)len / 2 + 64);
    cv_lines lines = cv_lines_of(batch, (size_t)len);
    cv_str row;
    /* A failed batch adds nothing: the total goes back to what it was before it. */
    bool was_float = total_is_float;
    int64_t integer_before = integer_total;
    double float_before = float_total;
    while (cv_lines_next(&lines, &row)) {
        if (!append_row_with_total(&out, row, lines.number)) {
            cv_buf_free(&out);
            total_is_float = was_float;
            integer_total = integer_before;
            float_total = float_before;
            return CV_ERROR;
        }
    }
    return cv_buf_return(&out);
}
