/*
 * rows.filter.arrow: rows.filter on Arrow batches. Drops the rows whose "status" is "deleted" and
 * upper-cases the ASCII letters of a string column (config "field", default "name"); a column
 * that is not utf8 is left as it is. It works on the columns directly, without reading JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "conveyor.h"
#include "conveyor_arrow.h"

static const char DESCRIPTION[] =
    "{\"abi\":1,\"name\":\"rows.filter.arrow\",\"version\":\"1.0.0\",\"roles\":[\"transform\"],"
    "\"format\":\"arrow\","
    "\"description\":\"rows.filter on Arrow batches: drops rows whose status is \\\"deleted\\\" and "
    "upper-cases a string column. Only the ASCII letters a to z change.\","
    "\"parameters\":["
    "{\"name\":\"field\",\"type\":\"string\",\"required\":false,\"default\":\"name\","
    "\"description\":\"The column to upper-case.\"}"
    "]}";

static char *field;

CV_EXPORT("cv_describe") cv_packed cv_describe(void) { return cv_return_text(DESCRIPTION); }

CV_EXPORT("cv_configure") int32_t cv_configure(const char *config, int32_t len) {
    free(field);
    field = strdup("name");
    cv_json_member member;
    if (cv_json_find((cv_str){config, (size_t)len}, "field", &member)) {
        if (member.type != CV_JSON_STRING) {
            return cv_fail_status("E_CONFIG", "field must be a string, not %s", cv_json_type_name(member.type));
        }
        free(field);
        field = cv_json_string_dup(member.value);
    }
    if (field == NULL) return cv_fail_status("E_NOMEM", "out of memory reading field");
    return CV_OK;
}

static bool is_deleted(const cv_arrow_column *status, int64_t row) {
    cv_str value = cv_arrow_utf8_value(status, row);
    return !cv_arrow_is_null(status, row) && value.len == 7 && memcmp(value.ptr, "deleted", 7) == 0;
}

static void upper_case(cv_arrow_column *column, int64_t rows) {
    if (rows == 0) return;
    uint8_t *byte = column->values + column->offsets[0], *end = column->values + column->offsets[rows];
    for (; byte < end; byte++) {
        if (*byte >= 'a' && *byte <= 'z') *byte = (uint8_t)(*byte - 'a' + 'A');
    }
}

CV_EXPORT("cv_transform") cv_packed cv_transform(const char *stream, int32_t len) {
    static cv_arrow_batch in;
    static cv_arrow_output out;
    if (!cv_arrow_read(stream, (size_t)len, &in)) return CV_ERROR;
    uint8_t *keep = malloc(in.length > 0 ? (size_t)in.length : 1);
    if (keep == NULL) return cv_fail("E_NOMEM", "out of memory filtering %lld rows", (long long)in.length);
    int32_t status = cv_arrow_column_index(&in, "status");
    bool strings = status >= 0 && in.columns[status].layout == CV_ARROW_UTF8 && !in.columns[status].binary;
    for (int64_t row = 0; row < in.length; row++) {
        keep[row] = !(strings && is_deleted(&in.columns[status], row));
    }
    bool taken = cv_arrow_take(&in, keep, &out);
    free(keep);
    if (!taken) return CV_ERROR;
    int32_t target = cv_arrow_column_index(&out.batch, field);
    if (target >= 0 && out.batch.columns[target].layout == CV_ARROW_UTF8 && !out.batch.columns[target].binary) {
        upper_case(&out.batch.columns[target], out.batch.length);
    }
    return cv_arrow_return(&out);
}
