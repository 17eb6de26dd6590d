import type { Batch, Plan } from './batching';
import type { Failure } from './transport';

/** What became of one serial of one batch. Outcomes are shared between serials: never mutate. */
export interface SerialOutcome {
	readonly status: string;
	readonly success: boolean;
	/** How many times the serial's request went out. */
	readonly attempts: number;
	readonly message?: string;
	readonly error?: string;
	readonly errorType?: string;
	/** Dry run: the request (from 1) the serial would have gone in. */
	readonly request?: number;
}

/**
 * The outcomes of a run, kept by batch and position in the plan: a large run records and looks
 * up 100,000 outcomes, and the plan already knows where every serial is.
 */
export class Outcomes {
	private readonly byBatch: Array<Array<SerialOutcome | undefined>>;

	constructor(
		private readonly plan: Plan = { batches: [], groups: [], slotGroups: [], slotPositions: [] },
	) {
		this.byBatch = plan.batches.map((batch) => new Array(batch.serials.length));
	}

	/** The outcome of the serial at `position` in the batch. */
	set(batch: Batch, position: number, outcome: SerialOutcome): void {
		this.byBatch[batch.index][position] = outcome;
	}

	setAll(batch: Batch, outcome: SerialOutcome): void {
		this.byBatch[batch.index].fill(outcome);
	}

	/** The outcome of the plan's slot: the n-th pack of the valid requests. */
	at(slot: number): SerialOutcome | undefined {
		const { groups, slotGroups, slotPositions } = this.plan;
		const group = groups[slotGroups[slot]];
		const position = slotPositions[slot];
		if (group === undefined || position === undefined) return undefined;
		const batch = group.firstBatch + Math.floor(position / group.batchSize);
		return this.byBatch[batch][position % group.batchSize];
	}

	*entries(): Iterable<[string, SerialOutcome]> {
		for (const batch of this.plan.batches) {
			const outcomes = this.byBatch[batch.index];
			for (let position = 0; position < outcomes.length; position++) {
				const outcome = outcomes[position];
				if (outcome) yield [batch.serials[position], outcome];
			}
		}
	}
}

/** A serial counts as done when the API reports it in Decommissioned status. */
export function isConfirmedStatus(status: string): boolean {
	return /^\s*(already\s+)?decommissioned\s*$/i.test(status);
}

export const NOT_CONFIRMED =
	'Movilitas did not list this serial in its answer: its state is unknown. Check it in Movilitas; the node never resends a request whose outcome is unknown.';

const FAILED_STATUS: Record<Failure['kind'], string> = {
	api: 'Failed',
	credential: 'Not sent',
	notSent: 'Not sent',
	unknown: 'Unknown',
};

/** The outcome of every serial of a batch that failed as a whole. */
export function failureOutcome(result: Failure, attempts: number): SerialOutcome {
	// A credential refused by Movilitas itself (the request went out) is a refusal like any other.
	const refused = result.kind === 'credential' && attempts > 0;
	return {
		status: refused ? 'Failed' : FAILED_STATUS[result.kind],
		success: false,
		attempts,
		error: result.message,
		errorType: result.type,
		message: result.description,
	};
}

export function notSentOutcome(because: string | undefined): SerialOutcome {
	return {
		status: 'Not sent',
		success: false,
		attempts: 0,
		error: because,
		message: because
			? 'Not sent: the failure in "error" stopped this run before this request.'
			: 'This serial was not sent to Movilitas.',
	};
}
