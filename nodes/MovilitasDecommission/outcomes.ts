import type { Batch, Plan } from './batching';
import { isRecord } from './lib/readPath';
import type { Failure } from './transport';
import { apiMessage, forEachSerialEntry, safeText } from './transport/answers';

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

/**
 * How many of a serial's different statuses a message names: an answer may list a serial any
 * number of times, and the message (and the time to build it) must stay small.
 */
const NAMED_STATUSES = 3;

/** A serial an answer lists more than once: how often, and its first few different statuses. */
interface Repeated {
	times: number;
	statuses: unknown[];
	/** It gave more different statuses than are kept. */
	more: boolean;
}

/** The first status an answer gives each serial it lists, as given, and its rare repeats. */
interface ListedStatuses {
	first: Map<string, unknown>;
	repeated?: Map<string, Repeated>;
}

function statusesBySerial(body: unknown): ListedStatuses {
	const listed: ListedStatuses = { first: new Map() };
	forEachSerialEntry(body, (serial, status) => {
		const { first } = listed;
		if (!first.has(serial)) {
			first.set(serial, status);
			return;
		}
		const repeated = (listed.repeated ??= new Map());
		let entry = repeated.get(serial);
		if (!entry) {
			entry = { times: 1, statuses: [first.get(serial)], more: false };
			repeated.set(serial, entry);
		}
		entry.times++;
		if (entry.statuses.includes(status)) return;
		if (entry.statuses.length < NAMED_STATUSES) entry.statuses.push(status);
		else entry.more = true;
	});
	return listed;
}

/** A status as a message shows it: masked and shortened whatever its type. */
function describeStatus(status: unknown, secrets: readonly string[]): string {
	if (status === undefined) return 'no status';
	const text = typeof status === 'string' ? status : JSON.stringify(status);
	const shown = safeText(text, secrets);
	return typeof status === 'string' ? JSON.stringify(shown) : shown;
}

function contradiction(entry: Repeated, secrets: readonly string[]): string {
	const times = entry.times === 2 ? 'twice' : `${entry.times} times`;
	const named = entry.statuses.map((status) => describeStatus(status, secrets)).join(' and ');
	const more = entry.more ? ' and other statuses' : '';
	return `Movilitas listed this serial ${times}, as ${named}${more}: its state is unknown. Check it in Movilitas; the node never resends a request whose outcome is unknown.`;
}

/**
 * The outcome of every serial of a batch Movilitas answered serial by serial. A serial it did
 * not list, or listed with a status that is not text, is not confirmed; one it listed with
 * two different statuses is unknown, whatever the statuses say.
 */
export function recordAnswer(
	outcomes: Outcomes,
	batch: Batch,
	body: unknown,
	attempts: number,
	secrets: readonly string[],
): void {
	const { first, repeated } = statusesBySerial(body);
	const failed = isRecord(body) && body.success === false;
	const error = failed
		? (apiMessage(body, secrets) ?? 'Movilitas answered success: false')
		: undefined;
	const notConfirmed: SerialOutcome = {
		status: 'Not confirmed',
		success: false,
		attempts,
		message: NOT_CONFIRMED,
		error,
	};
	const shared = new Map<string, SerialOutcome>();
	const { serials } = batch;
	for (let position = 0; position < serials.length; position++) {
		const serial = serials[position];
		const status = first.get(serial);
		const repeat = repeated?.get(serial);
		let outcome: SerialOutcome;
		if (typeof status !== 'string') {
			outcome = notConfirmed;
		} else if (repeat && repeat.statuses.length > 1) {
			// An answer that contradicts itself tells nothing: not done, and not refused either.
			outcome = {
				status: 'Unknown',
				success: false,
				attempts,
				message: contradiction(repeat, secrets),
				error,
			};
		} else {
			// Judged as Movilitas wrote it; only the text shown is masked.
			outcome = shared.get(status) ?? {
				status: safeText(status, secrets),
				success: isConfirmedStatus(status),
				attempts,
			};
			if (!outcome.success && error && !outcome.error) outcome = { ...outcome, error };
			shared.set(status, outcome);
		}
		outcomes.set(batch, position, outcome);
	}
}

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
