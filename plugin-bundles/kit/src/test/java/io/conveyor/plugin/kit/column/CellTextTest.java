package io.conveyor.plugin.kit.column;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CellTextTest {

    @Test
    void recognisesIntegersStrictly() {
        assertEquals(ColumnType.INT64, CellText.typeOf("42"));
        assertEquals(ColumnType.INT64, CellText.typeOf("-7"));
        assertEquals(ColumnType.INT64, CellText.typeOf("+7"));
        assertEquals(ColumnType.INT64, CellText.typeOf("9223372036854775807"));
        assertEquals(ColumnType.FLOAT64, CellText.typeOf("9223372036854775808"));
        assertEquals(ColumnType.UTF8, CellText.typeOf("-"));
        assertEquals(ColumnType.UTF8, CellText.typeOf(" 1"));
    }

    @Test
    void recognisesDecimalFloatsButNotJavaLiterals() {
        assertEquals(ColumnType.FLOAT64, CellText.typeOf("1.5"));
        assertEquals(ColumnType.FLOAT64, CellText.typeOf(".5"));
        assertEquals(ColumnType.FLOAT64, CellText.typeOf("5."));
        assertEquals(ColumnType.FLOAT64, CellText.typeOf("1e3"));
        assertEquals(ColumnType.FLOAT64, CellText.typeOf("-2.5E-3"));
        assertEquals(ColumnType.FLOAT64, CellText.typeOf("NaN"));
        assertEquals(ColumnType.FLOAT64, CellText.typeOf("-inf"));
        assertEquals(ColumnType.UTF8, CellText.typeOf("1d"));
        assertEquals(ColumnType.UTF8, CellText.typeOf("0x1p3"));
        assertEquals(ColumnType.UTF8, CellText.typeOf("."));
        assertEquals(ColumnType.UTF8, CellText.typeOf("1e"));
        assertEquals(Double.NEGATIVE_INFINITY, CellText.parseDouble("-inf"));
    }

    @Test
    void recognisesBooleansInAnyCase() {
        assertEquals(ColumnType.BOOL, CellText.typeOf("TRUE"));
        assertEquals(ColumnType.BOOL, CellText.typeOf("False"));
        assertEquals(ColumnType.UTF8, CellText.typeOf("yes"));
    }

    @Test
    void typesWidenToTheNarrowestCommonType() {
        assertEquals(ColumnType.FLOAT64, ColumnType.widen(ColumnType.INT64, ColumnType.FLOAT64));
        assertEquals(ColumnType.UTF8, ColumnType.widen(ColumnType.INT64, ColumnType.BOOL));
        assertEquals(ColumnType.BOOL, ColumnType.widen(null, ColumnType.BOOL));
    }

    @Test
    void floatsPrintLikeTheOriginal() {
        assertEquals("150.0", NumberText.format(150.0));
        assertEquals("45.5", NumberText.format(45.5));
        assertEquals("189.99", NumberText.format(189.99));
        assertEquals("10000000.0", NumberText.format(1e7));
        assertEquals("0.00001", NumberText.format(1e-5));
        assertEquals("-120.5", NumberText.format(-120.5));
        assertEquals("NaN", NumberText.format(Double.NaN));
        assertEquals("-inf", NumberText.format(Double.NEGATIVE_INFINITY));
    }
}
