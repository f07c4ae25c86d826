package io.conveyor.shell.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an {@code osgi.wiring.package} requirement's filter back into the package name and the
 * version range of the {@code Import-Package} clause it came from:
 * {@code (&(osgi.wiring.package=p)(version>=2.0.0)(!(version>=3.0.0)))} is {@code p [2.0.0,3.0.0)}.
 */
final class FilterRange {

    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");
    private static final Pattern AT_LEAST = Pattern.compile("(?<!!)\\(version>=([^)]+)\\)");
    private static final Pattern ABOVE = Pattern.compile("\\(!\\(version<=([^)]+)\\)\\)");
    private static final Pattern BELOW = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");
    private static final Pattern AT_MOST = Pattern.compile("(?<!!)\\(version<=([^)]+)\\)");

    private FilterRange() {
    }

    /** The package the filter asks for; the whole filter when it names none. */
    static String packageName(String filter) {
        Matcher matcher = PACKAGE.matcher(filter);
        return matcher.find() ? matcher.group(1) : filter;
    }

    /**
     * The version range in OSGi notation ({@code [2.0.0,3.0.0)}, or {@code 1.0.0} for "at least"),
     * or {@code null} when the filter puts no bound on the version.
     */
    static String versionRange(String filter) {
        String atLeast = group(AT_LEAST, filter);
        String above = group(ABOVE, filter);
        String below = group(BELOW, filter);
        String atMost = group(AT_MOST, filter);
        if (below == null && atMost == null) {
            return atLeast; // an Import-Package range without a ceiling always includes its floor
        }
        String floor = atLeast != null ? "[" + atLeast : above != null ? "(" + above : "[0.0.0";
        String ceiling = below != null ? below + ")" : atMost + "]";
        return floor + "," + ceiling;
    }

    private static String group(Pattern pattern, String filter) {
        Matcher matcher = pattern.matcher(filter);
        return matcher.find() ? matcher.group(1) : null;
    }
}
