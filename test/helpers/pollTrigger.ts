/** The trigger harness lives in scripts/ (bench/triggerScale.ts uses it too); tests import it from here. */
export { triggerHarness, type TriggerHarness } from '../../scripts/pollTrigger';
