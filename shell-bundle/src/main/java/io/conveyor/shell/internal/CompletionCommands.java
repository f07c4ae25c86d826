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
 * Tab completion of the {@code conveyor:} commands' arguments in a Gogo shell on JLine: the
 * server's console runs {@code conveyor:completions} from its {@code etc/gosh_profile}. The
 * definitions live in the session variable {@value #COMPLETIONS_VARIABLE}, which Felix gogo.jline
 * creates for a session with a line reader and fills with its {@code complete} command; a session
 * without one (gogo.shell, {@code bin/conveyor client}) has nothing to complete, and
 * {@code completions} then does nothing. Karaf 4.4's console has the same variable and command,
 * but its own completer drops the candidates they produce (docs/karaf.md).
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

    /** The session variable in which a JLine console keeps the {@code complete} definitions. */
    static final String COMPLETIONS_VARIABLE = ".completions";

    private final Completions completions;

    @Activate
    public CompletionCommands(@Reference ConveyorRuntime runtime,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            PipelineDeployments deployments) {
        this.completions = new Completions(runtime, Optional.ofNullable(deployments));
    }

    @Descriptor("define Tab completion of the conveyor commands in this console (options, pipeline, stage and"
            + " function names); the server's console runs it at start: completions")
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
