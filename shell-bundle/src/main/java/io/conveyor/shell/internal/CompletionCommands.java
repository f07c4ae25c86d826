package io.conveyor.shell.internal;

import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.PipelineDeployments;

/**
 * Tab completion of the {@code conveyor:} commands' arguments in shells with JLine: the server's
 * console runs {@code conveyor:completions} from its {@code etc/gosh_profile}, Karaf from the
 * feature's {@code etc/scripts/conveyor.script}. Both consoles keep the definitions in the
 * session variable {@value #COMPLETIONS_VARIABLE}, filled by their {@code complete} command
 * (Felix gogo.jline's, which Karaf's shell embeds); a shell without a line reader has no such
 * variable and nothing to complete, and {@code completions} then does nothing.
 *
 * <p>{@code __candidates} is what the definitions call as the user presses Tab; like the
 * shell's own {@code __files}, its leading underscores keep it out of the command names Tab
 * offers in a JLine console.
 */
@Component(service = CompletionCommands.class, property = {
        "osgi.command.scope=conveyor",
        "osgi.command.function=completions",
        "osgi.command.function=__candidates" })
public final class CompletionCommands {

    /** The session variable in which the JLine consoles keep the {@code complete} definitions. */
    static final String COMPLETIONS_VARIABLE = ".completions";

    private final Completions completions;

    @Activate
    public CompletionCommands(@Reference ConveyorRuntime runtime,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            PipelineDeployments deployments) {
        this.completions = new Completions(runtime, Optional.ofNullable(deployments));
    }

    @Descriptor("define Tab completion of the conveyor commands in this console (options, pipeline, stage and"
            + " function names); the server's console and Karaf's run it at start: completions")
    public void completions(CommandSession session) throws Exception {
        if (session.get(COMPLETIONS_VARIABLE) == null) {
            return;
        }
        for (String line : Completions.definitions()) {
            session.execute(line);
        }
    }

    @Descriptor("the completion candidates for the word at WORD_INDEX of a conveyor command line:"
            + " __candidates WORDS WORD_INDEX")
    public List<String> __candidates(List<String> words, int wordIndex) {
        return completions.candidates(words, wordIndex);
    }
}
