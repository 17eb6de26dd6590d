import type { SandboxContext } from './context';
import { echoMessage, type Echoed } from './echo';
import type { PartialFailureFault } from './types';

export interface SerialAnswer {
	serial_number: string;
	status: unknown;
}

/** Statuses that are not text, as a careless or changed API might send them. */
const NON_TEXT: unknown[] = [null, 1, true, { text: 'Decommissioned' }, ['Decommissioned']];

/**
 * The serials a partial failure refuses: a seeded share of the fresh ones, at least one. Empty
 * when the fault does not hit this request or nothing in it is fresh (a resend of done serials
 * is answered as usual, never with a made-up refusal).
 */
export function pickRefused(ctx: SandboxContext, fresh: string[]): Set<string> {
	const fault = ctx.settings.partialFailure;
	if (!fault || fresh.length === 0 || !ctx.faults.partialFailure(ctx.settings)) return new Set();
	const count = Math.max(1, Math.floor(fresh.length * (fault.refuseShare ?? 0.5)));
	const mixed = [...fresh];
	for (let i = mixed.length - 1; i > 0; i--) {
		const j = Math.floor(ctx.shapeRandom() * (i + 1));
		[mixed[i], mixed[j]] = [mixed[j], mixed[i]];
	}
	return new Set(mixed.slice(0, Math.min(count, fresh.length)));
}

export function refusedStatus(fault: PartialFailureFault, secrets: Echoed[]): string {
	return echoMessage(fault.refusedStatus ?? 'Refused: serial is locked', secrets);
}

/**
 * Shapes the per-serial list of a partial failure after ordering: a refused serial listed twice
 * (a false 'Decommissioned' first), and a decommissioned serial with a non-text status.
 */
export function shapePartial(
	ctx: SandboxContext,
	data: SerialAnswer[],
	refused: Set<string>,
	decommissioned: string[],
): SerialAnswer[] {
	const fault = ctx.settings.partialFailure;
	const shaped = [...data];
	if (fault?.listTwice) {
		const [twice] = refused;
		const at = shaped.findIndex((entry) => entry.serial_number === twice);
		if (at >= 0) shaped.splice(at, 0, { serial_number: twice, status: 'Decommissioned' });
	}
	if (fault?.nonTextStatus && decommissioned.length > 0) {
		const serial = decommissioned[Math.floor(ctx.shapeRandom() * decommissioned.length)];
		const status = NON_TEXT[Math.floor(ctx.shapeRandom() * NON_TEXT.length)];
		for (const entry of shaped) if (entry.serial_number === serial) entry.status = status;
	}
	return shaped;
}
