package io.conveyor.wasm.guest;

import static io.conveyor.wasm.guest.Ndjson.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The templates a plugin starts from build and work as their READMEs say. */
class TemplateGuestTest {
    @ParameterizedTest
    @ValueSource(strings = {"c", "as"})
    void tagsEveryRowWithTheConfiguredText(String language) throws GuestError {
        GuestModule template = GuestModules.load("template", language);
        template.configure("{\"tag\":\"batch\\t7\"}");

        assertEquals(rows("{\"id\":1,\"tag\":\"batch\\t7\"}", "{\"tag\":\"batch\\t7\"}"),
                template.transform(rows("{\"id\":1,\"tag\":\"old\"}", "{}")));
    }
}
