/**
 * The stage contract: what a stage is (Stage), what every stage of a run shares (RunContext),
 * what it reports (StageReport) and how it is sized (SmallInputMode). Below the stages, above
 * storage.
 */
package org.urbanmine.stage;
