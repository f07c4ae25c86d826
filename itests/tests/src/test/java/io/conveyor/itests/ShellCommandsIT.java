package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The {@code conveyor:} commands, run through Gogo's command processor as a shell session runs
 * them: what the user sees on the session's console, and what the run writes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT {

    @Inject
    private CommandProcessor processor;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(ShellCommandsIT.class);
    }

    @Test
    public void listShowsTheBuiltInFunctionsByRole() throws Exception {
        String out = execute("conveyor:list -t sinks");

        assertTrue(out, out.startsWith("Sinks\n  csv.write            io.conveyor.plugin.core "));
        assertTrue(out, out.contains("\n  echo                 conveyor_plugin_echo_wasm.wasm 1.0.0 "));
        assertEquals(8, out.lines().count());
    }

    /**
     * docs/functions.md is what {@code conveyor docs} prints for the bundles the distribution
     * installs: regenerate it with {@code ./conveyor docs > docs/functions.md} when a stage's
     * declaration changes.
     */
    @Test
    public void theFunctionReferenceInDocsIsWhatTheStagesDeclare() throws Exception {
        String committed = Runs.read(TestPaths.repository().resolve("docs/functions.md"));

        assertEquals("docs/functions.md is stale: run ./conveyor docs > docs/functions.md", committed,
                execute("conveyor:docs"));
    }

    @Test
    public void validateReportsAValidPipeline() throws Exception {
        Path work = TestPaths.newWorkFolder("shell-validate");
        Path pipeline = quickstartWithAbsolutePaths(work);

        assertEquals("✓ " + pipeline + " is valid: pipeline 'quickstart', 3 stages\n",
                execute("conveyor:validate " + pipeline));
    }

    @Test
    public void runWritesTheOutputAndShowsTheReportOnTheConsole() throws Exception {
        Path work = TestPaths.newWorkFolder("shell-run");
        Path pipeline = quickstartWithAbsolutePaths(work);

        String out = execute("conveyor:run " + pipeline);

        assertTrue(out, out.startsWith("pipeline 'quickstart': SUCCEEDED in "));
        assertTrue(out, out.contains("\nbig_sales   filter.apply  SUCCEEDED       10         5"));
        assertEquals(Runs.read(TestPaths.examples().resolve("quickstart/expected/big_sales.json")),
                Runs.read(work.resolve("examples/quickstart/output/big_sales.json")));
    }

    /**
     * The shell resolves relative paths against the folder the server started in, which is not
     * the test's work folder: the copy of the quickstart points at its files absolutely.
     */
    private static Path quickstartWithAbsolutePaths(Path work) {
        Path pipeline = Runs.copyExample("quickstart", work);
        String text = Runs.read(pipeline).replace("\"examples/quickstart/", "\"" + work + "/examples/quickstart/");
        return Runs.write(pipeline, text);
    }

    /** Runs one command line in a new session; returns what the session's console received. */
    private String execute(String commandLine) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            session.execute(commandLine);
        }
        return console.toString(StandardCharsets.UTF_8);
    }
}
