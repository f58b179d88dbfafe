package se.stockholm.brottsofferstod.operations;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused production start as its one line and what to do, without a stack trace. */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSettings.MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionSettings.MissingSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the settings named above in the service's environment (docs/runbook.md, \"Start\") and start it again.",
                cause);
    }
}
