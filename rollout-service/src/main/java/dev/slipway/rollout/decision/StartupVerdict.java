package dev.slipway.rollout.decision;

/** The judgement on a starting container at one moment: keep waiting, up, or failed and why. */
public sealed interface StartupVerdict {
    record Waiting() implements StartupVerdict {}

    record Up() implements StartupVerdict {}

    record Failed(StartupFailure failure) implements StartupVerdict {}

    static StartupVerdict waiting() {
        return new Waiting();
    }

    static StartupVerdict up() {
        return new Up();
    }

    static StartupVerdict failed(StartupFailure.Kind kind, ContainerState state, java.time.Duration waited) {
        return new Failed(new StartupFailure(kind, state, waited));
    }
}
