import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import type { Result } from '../lib/result';
import { serialEntries } from './answers';
import { redirectTarget } from './environment';
import {
	describeFailure,
	errorTypeOf,
	isFailureAnswer,
	isOutcomeUnknown,
	isRetryable,
	isTokenRefusal,
	UNKNOWN_ADVICE,
} from './errors';
import type { Answer } from './post';
import { post } from './post';
import type { Failure, Session } from './session';

export type { Failure, Session } from './session';
export { CREDENTIAL_TYPE, openSession } from './session';

/** How often a 429 or 503 is waited out, and the longest wait. */
export const MAX_RETRIES = 3;
const MAX_WAIT_MS = 60_000;

/** What became of one request: an answer to read serial by serial, or a failure. */
export type SendResult = Result<
	{ body: unknown; attempts: number },
	Failure & { attempts: number }
>;

/** Counts what went out for one request, across token refreshes and retries. */
interface Tally {
	attempts: number;
	/** A 503 may come after the work was done: after one, a failure is no longer a clean "no". */
	saw503: boolean;
}

function retryDelayMs(response: IN8nHttpFullResponse, retry: number): number {
	const header = (response.headers ?? {})['retry-after'];
	if (header !== undefined) {
		const seconds = Number(header);
		const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(String(header)) - Date.now();
		if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), MAX_WAIT_MS);
	}
	return Math.min(1000 * 2 ** retry, MAX_WAIT_MS);
}

function refusesToken(response: IN8nHttpFullResponse): boolean {
	const { statusCode, body } = response;
	return isFailureAnswer(statusCode, body) && isTokenRefusal(statusCode, errorTypeOf(body));
}

async function postCounted(session: Session, body: IDataObject, tally: Tally, refresh: boolean) {
	await session.pacer.ready();
	const answer = await post(session, body, refresh);
	// Only a request that went out counts: not one refused before sending or by its credential.
	if (answer.ok || answer.kind === 'unknown') tally.attempts++;
	if (answer.ok && answer.response.statusCode === 503) tally.saw503 = true;
	return answer;
}

/**
 * Sends the request; when Movilitas refuses the token, gets a new one and sends once more.
 * Requests refused together share one refresh. A static token is never refreshed.
 */
async function sendRefreshingToken(
	session: Session,
	body: IDataObject,
	tally: Tally,
): Promise<Answer> {
	const { tokens } = session;
	// The token as last read: the credential is read again only when it may have changed (n8n
	// fetched a token, or Movilitas refused one), not for every request of a large run.
	let sent: unknown = tokens.credentials().accessToken;
	const seen = tokens.generation;
	const first = await postCounted(session, body, tally, false);
	if (!sent) {
		// n8n fetched and stored a token for this request: read it, so that it is masked too.
		sent = await tokens.current();
	}
	if (!first.ok || !refusesToken(first.response)) return first;
	if (tokens.credentials().authentication === 'static') return first;
	const refreshed = await tokens.refreshOnce(seen, async () => {
		// Another execution (another worker) may have stored a new token meanwhile: use it.
		const stored = await tokens.afterSpread();
		return await postCounted(session, body, tally, !stored || stored === sent);
	});
	return refreshed ?? (await postCounted(session, body, tally, false));
}

/** Sends, waiting out 429 and 503 (HTTP says: not processed) a few times, all requests alike. */
async function sendWaitingOutLimits(
	session: Session,
	body: IDataObject,
	tally: Tally,
): Promise<Answer> {
	for (let retry = 0; ; retry++) {
		const answer = await sendRefreshingToken(session, body, tally);
		if (!answer.ok || !isRetryable(answer.response.statusCode) || retry >= MAX_RETRIES)
			return answer;
		session.pacer.pause(retryDelayMs(answer.response, retry));
	}
}

function classify(
	session: Session,
	response: IN8nHttpFullResponse,
	productCode: string,
	tally: Tally,
): SendResult {
	const { statusCode, body } = response;
	const { attempts } = tally;
	if (statusCode === 303) {
		// "See Other" is what a server answers after it processed a POST.
		return {
			ok: false,
			kind: 'unknown',
			attempts,
			statusCode,
			message: `Movilitas answered HTTP 303, a redirect to ${redirectTarget(response.headers?.location, session.baseUrl)}: not followed`,
			description: `A 303 (See Other) is sent after a request was processed. ${UNKNOWN_ADVICE}`,
		};
	}
	if (statusCode >= 300 && statusCode < 400) {
		const target = redirectTarget(response.headers?.location, session.baseUrl);
		return {
			ok: false,
			kind: 'notSent',
			attempts,
			statusCode,
			message: `Movilitas answered HTTP ${statusCode}, a redirect to ${target}: not followed`,
			description:
				'The node follows no redirect, so the token, channel key and serials went to the configured host only, which did not process them. Check the environment or Base URL of the Movilitas API credential.',
		};
	}
	if (!isFailureAnswer(statusCode, body)) return { ok: true, body, attempts };
	const secrets = session.secrets.values();
	const report = describeFailure(statusCode, body, productCode, secrets);
	if (isTokenRefusal(statusCode, report.type)) {
		const isStatic = session.tokens.credentials().authentication === 'static';
		return {
			ok: false,
			kind: 'credential',
			attempts,
			statusCode,
			type: report.type,
			message: isStatic
				? `Movilitas refused the static token (HTTP ${statusCode}${report.type ? `, ${report.type}` : ''})`
				: `Movilitas refused a freshly issued token (HTTP ${statusCode}${report.type ? `, ${report.type}` : ''})`,
			description: isStatic
				? 'The static token may have been revoked. Generate a new one on the Tenant Dashboard (API keys) and update the Movilitas API credential; also check the channel key.'
				: 'The token was refreshed once and refused again, so no further attempt was made. Check that the API key belongs to this tenant and that the channel key is of a shopfloor channel with source Manufacturer V2 API.',
		};
	}
	// An answer that speaks of each serial is read serial by serial, even when it failed.
	if (statusCode < 500 && serialEntries(body).length > 0) return { ok: true, body, attempts };
	if (isOutcomeUnknown(statusCode)) {
		return {
			ok: false,
			kind: 'unknown',
			attempts,
			statusCode,
			...report,
			description: UNKNOWN_ADVICE,
		};
	}
	return { ok: false, kind: 'api', attempts, statusCode, ...report };
}

/**
 * Sends one decommission request. A refused token is refreshed once and the request sent once
 * more; rate limits and 503s are waited out a few times; nothing else is ever resent.
 */
export async function sendDecommission(
	session: Session,
	body: IDataObject,
	productCode: string,
): Promise<SendResult> {
	const tally: Tally = { attempts: 0, saw503: false };
	const answer = await sendWaitingOutLimits(session, body, tally);
	const result: SendResult = answer.ok
		? classify(session, answer.response, productCode, tally)
		: { ...answer, attempts: tally.attempts };
	if (result.ok || result.kind === 'unknown' || !tally.saw503) return result;
	// Whatever failed afterwards, the attempt answered 503 may have done the work.
	return {
		...result,
		kind: 'unknown',
		message:
			result.kind === 'notSent'
				? 'Movilitas answered HTTP 503, and the retry could not reach it'
				: result.message,
		description: `An earlier attempt was answered 503, which a gateway may send after Movilitas did the work. ${UNKNOWN_ADVICE}`,
	};
}
