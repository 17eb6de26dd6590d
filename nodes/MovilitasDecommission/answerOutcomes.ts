import type { Batch } from './batching';
import { isRecord } from './lib/readPath';
import type { Outcomes, SerialOutcome } from './outcomes';
import { isConfirmedStatus, NOT_CONFIRMED } from './outcomes';
import { apiMessage, forEachSerialEntry, safeText } from './transport/answers';

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
	if (typeof status === 'string') return JSON.stringify(safeText(status, secrets));
	// As JSON, a secret holding a quote, a backslash or a control character stands escaped:
	// its escaped form is masked too.
	const escaped = secrets.map((secret) => JSON.stringify(secret).slice(1, -1));
	return safeText(String(JSON.stringify(status)), [...secrets, ...escaped]);
}

function contradiction(entry: Repeated, secrets: readonly string[]): string {
	const times = entry.times === 2 ? 'twice' : `${entry.times} times`;
	const named = entry.statuses.map((status) => describeStatus(status, secrets)).join(' and ');
	const more = entry.more ? ' and other statuses' : '';
	return `Movilitas listed this serial ${times}, as ${named}${more}: its state is unknown. Check it in Movilitas; the node never resends a request whose outcome is unknown.`;
}

/**
 * Where an answer lists the serial at each position of the batch, when it lists exactly the
 * batch's serials, once each, in the order they were sent or in reverse (the two orders seen:
 * the API documents no order). Such an answer is read by position: no map of a batch size of
 * serials is built, and the outcomes are those read serial by serial, since the batch's serials
 * are distinct. Any other answer (another order, a serial missing or repeated, an entry that is
 * not a serial's) gives undefined, and is read serial by serial.
 */
function entryIndex(
	data: unknown,
	serials: readonly string[],
): ((position: number) => number) | undefined {
	const count = serials.length;
	if (!Array.isArray(data) || data.length !== count) return undefined;
	const lists = (at: (position: number) => number) => {
		for (let position = 0; position < count; position++) {
			const entry: unknown = data[at(position)];
			if (!isRecord(entry) || entry.serial_number !== serials[position]) return false;
		}
		return true;
	};
	const sent = (position: number) => position;
	const reversed = (position: number) => count - 1 - position;
	if (lists(sent)) return sent;
	return lists(reversed) ? reversed : undefined;
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
	// One outcome per status of the answer, shared by its serials; an answer mostly repeats one.
	const shared = new Map<unknown, SerialOutcome>();
	let lastStatus: unknown = notConfirmed;
	let lastOutcome = notConfirmed;
	const judge = (status: unknown): SerialOutcome => {
		if (status === lastStatus) return lastOutcome;
		let outcome = typeof status === 'string' ? shared.get(status) : notConfirmed;
		if (outcome === undefined) {
			const text = status as string;
			// Judged as Movilitas wrote it; only the text shown is masked.
			outcome = { status: safeText(text, secrets), success: isConfirmedStatus(text), attempts };
			if (!outcome.success && error) outcome = { ...outcome, error };
			shared.set(status, outcome);
		}
		lastStatus = status;
		lastOutcome = outcome;
		return outcome;
	};
	const { serials } = batch;
	const data = isRecord(body) ? body.data : undefined;
	const at = entryIndex(data, serials);
	if (at) {
		const entries = data as Array<Record<string, unknown>>;
		for (let position = 0; position < serials.length; position++) {
			outcomes.set(batch, position, judge(entries[at(position)].status));
		}
		return;
	}
	const { first, repeated } = statusesBySerial(body);
	for (let position = 0; position < serials.length; position++) {
		const serial = serials[position];
		const repeat = repeated?.get(serial);
		// An answer that contradicts itself tells nothing: not done, and not refused either.
		const outcome: SerialOutcome =
			repeat && repeat.statuses.length > 1 && typeof first.get(serial) === 'string'
				? {
						status: 'Unknown',
						success: false,
						attempts,
						message: contradiction(repeat, secrets),
						error,
					}
				: judge(first.get(serial));
		outcomes.set(batch, position, outcome);
	}
}
