import DrydockModel
import Foundation

/// The triage inputs of a scan — VEX documents (`--vex`) and a baseline report (`--baseline`) — and the gate's
/// hooks they give for one scan.
///
/// The gate asks the hooks about every finding (``Gate/decide(_:)-([DetectedTarget])``): a `not_affected` or
/// `fixed` VEX statement sets the finding aside (rule source `vex`, the statement's file and line); an
/// `affected` or `under_investigation` one is recorded on the decision and the rules decide. The baseline gives
/// each finding `new` or `existing` with its first-seen time, which the `baseline` and `openDays` policy
/// conditions test.
public struct Triage: Sendable {
    public var vex: VEXIndex?
    public var baseline: Baseline?
    /// Parts of the inputs that were read but cannot be applied (a CycloneDX reference that names nothing, a
    /// VEX document without statements), in words.
    public var warnings: [String]

    public init(vex: VEXIndex? = nil, baseline: Baseline? = nil, warnings: [String] = []) {
        self.vex = vex
        self.baseline = baseline
        self.warnings = warnings
    }

    /// The gate's hooks for `targets` (found before the gate): the VEX statement and the baseline state of
    /// every finding, and the baseline's fixed findings. `scanTime` is when new findings are first seen.
    public func prepare(_ targets: [DetectedTarget], context: VEXScanContext, scanTime: Date) -> Prepared {
        Prepared(
            vex: vex.flatMap { $0.isEmpty ? nil : ScanVEXAssessments($0, targets: targets, context: context) },
            baseline: baseline?.compare(targets, scanTime: scanTime), warnings: warnings)
    }

    /// The triage answers for one scan.
    public struct Prepared: Sendable {
        /// The VEX hook (`nil` without `--vex`).
        public var vex: ScanVEXAssessments?
        /// The baseline hook and comparison (`nil` without `--baseline`).
        public var baseline: BaselineResult?
        /// ``Triage/warnings``.
        public var warnings: [String]

        public init(vex: ScanVEXAssessments? = nil, baseline: BaselineResult? = nil, warnings: [String] = []) {
            self.vex = vex
            self.baseline = baseline
            self.warnings = warnings
        }

        /// What the gate asks about VEX statements: ``vex``, or no statements.
        public var assessor: any VEXAssessor { vex ?? NoVEX() }
        /// What the gate asks about baseline states: ``baseline``, or every finding new.
        public var baselineIndex: any BaselineIndex { baseline ?? NoBaseline() }
    }
}
