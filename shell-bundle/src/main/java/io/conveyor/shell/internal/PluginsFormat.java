package io.conveyor.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.osgi.framework.namespace.PackageNamespace;

import io.conveyor.shell.internal.PluginReport.FunctionProviders;
import io.conveyor.shell.internal.PluginReport.Provider;
import io.conveyor.shell.internal.PluginReport.UnresolvedBundle;
import io.conveyor.shell.internal.PluginReport.Unsatisfied;
import io.conveyor.shell.internal.UpgradePlan.BundleRef;
import io.conveyor.shell.internal.UpgradePlan.PausedPipeline;

/**
 * {@link PluginReport} and {@link UpgradePlan} as text for people and as JSON for scripts (the
 * records' components, in order, two-space indentation). Every string it returns ends with a
 * newline.
 */
final class PluginsFormat {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The functions, their providers and users, then the unresolved bundles; an empty section says {@code none}. */
    String text(PluginReport report) {
        TextTable functions = new TextTable();
        functions.heading("Functions");
        for (FunctionProviders function : report.functions()) {
            functions.row(function.function(), function.role(), providerText(function.provider()),
                    usedBy(function.provider()));
            function.shadowed().forEach(p -> functions.note("  shadowed: " + providerText(p)
                    + (p.usedBy().isEmpty() ? "" : ", " + usedBy(p))));
        }
        if (report.functions().isEmpty()) {
            functions.row("none");
        }
        StringBuilder out = new StringBuilder(functions.render("  "));
        out.append("\nUnresolved bundles\n");
        if (report.unresolved().isEmpty()) {
            out.append("  none\n");
        }
        for (UnresolvedBundle bundle : report.unresolved()) {
            out.append("  ").append(bundle.bundleSymbolicName()).append(' ').append(bundle.bundleVersion())
                    .append(" (bundle ").append(bundle.bundleId()).append(")\n");
            if (bundle.unsatisfied().isEmpty()) {
                out.append("    nothing it needs is missing; not resolved yet\n");
            }
            bundle.unsatisfied().forEach(u -> out.append("    ").append(needs(u)).append('\n'));
        }
        return out.toString();
    }

    /**
     * {@code needs io.conveyor.api.stage [2.0.0,3.0.0), the runtime offers 1.1.0} for a package;
     * {@code needs osgi.extender (osgi.extender=osgi.component)} for another namespace.
     */
    static String needs(Unsatisfied unsatisfied) {
        if (!unsatisfied.namespace().equals(PackageNamespace.PACKAGE_NAMESPACE)) {
            return "needs " + unsatisfied.namespace() + " " + unsatisfied.name();
        }
        String range = unsatisfied.needed() == null ? "(any version)" : unsatisfied.needed();
        String offered = unsatisfied.offered().isEmpty() ? "none" : String.join(", ", unsatisfied.offered());
        return "needs " + unsatisfied.name() + " " + range + ", the runtime offers " + offered;
    }

    private static String providerText(Provider provider) {
        return provider.name() + (provider.ranking() == 0 ? "" : " (ranking " + provider.ranking() + ")");
    }

    private static String usedBy(Provider provider) {
        return provider.usedBy().isEmpty() ? "" : "used by " + String.join(", ", provider.usedBy());
    }

    /** The bundles a refresh would restart, then the running pipelines that would pause and the functions concerned. */
    String text(UpgradePlan plan) {
        BundleRef bundle = plan.bundle();
        StringBuilder out = new StringBuilder("upgrade ").append(bundle.bundleSymbolicName()).append(' ')
                .append(bundle.bundleVersion()).append(" (bundle ").append(bundle.bundleId())
                .append("), dry run: nothing was changed\n\n");
        TextTable refreshed = new TextTable(true);
        refreshed.heading("Bundles that would be refreshed");
        plan.refreshed().forEach(b -> refreshed.row(Long.toString(b.bundleId()), b.bundleSymbolicName() + " "
                + b.bundleVersion()));
        out.append(refreshed.render("  ")).append('\n');
        TextTable paused = new TextTable();
        paused.heading("Running pipelines that would pause");
        for (PausedPipeline pipeline : plan.paused()) {
            paused.row(pipeline.pipelineName(), String.join(", ", pipeline.functions()));
        }
        if (plan.paused().isEmpty()) {
            paused.row("none");
        }
        return out.append(paused.render("  ")).toString();
    }

    String json(Object reportOrPlan) {
        try {
            return mapper.writeValueAsString(reportOrPlan) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
