package io.conveyor.itests.stamp.internal;

import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;

/**
 * {@code stamp.apply}: passes every column through and appends a utf8 column {@code stamp} holding
 * the version of the bundle that provides this service. Integration tests use it to see which
 * revision of a hot-deployed plugin served a run.
 */
@Component(property = {Stage.FUNCTION + "=" + StampTransform.FUNCTION, Stage.ROLE + "=transform"})
public class StampTransform implements Transform {

    static final String FUNCTION = "stamp.apply";
    static final String COLUMN = "stamp";

    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(FUNCTION, StageRole.TRANSFORM)
            .description("Appends a column '" + COLUMN + "' holding the version of the plugin bundle that ran."
                    + " Other columns pass through unchanged.")
            .example("Tag rows with the plugin version", """
                    [[stages]]
                    id = "s"
                    function = "stamp.apply"
                    inputs = ["load"]
                    """)
            .build();

    private final String stamp;

    /** Used by Declarative Services: stamps with the version of the bundle that loaded this class. */
    public StampTransform() {
        this(bundleVersionOf(StampTransform.class));
    }

    StampTransform(String stamp) {
        this.stamp = stamp;
    }

    private static String bundleVersionOf(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle == null) {
            throw new IllegalStateException(type.getName() + " was not loaded by an OSGi bundle");
        }
        return bundle.getVersion().toString();
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TransformTask open(StageConfig config, StageContext context, List<String> inputs) {
        return new StampTask(context.allocator(), stamp);
    }
}
