import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleAuth } from './auth';
import { AUTH_PATH, DECOMMISSION_PATH } from './config';
import type { SandboxContext } from './context';
import { handleDecommission } from './decommission';
import { echoOutcome, secretsOfRequest, type Echoed } from './echo';
import { errorOutcome, rateLimited, redirect, serverError, serviceUnavailable } from './errors';
import { bodyKey, type FaultDecision } from './faults';
import type { IncomingInfo, Outcome, RecordedRequest, Route } from './types';

type Delay = (ms: number) => Promise<void>;

/**
 * Answers one request: records it, lets the faults decide, applies it (unless a fault answered
 * before processing), then answers, late or not at all if a fault says so.
 */
export async function serve(
	ctx: SandboxContext,
	delay: Delay,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	ctx.activity.begin();
	try {
		const rawBody = await readBody(req);
		const method = req.method ?? 'GET';
		const path = normalisePath(req.url ?? '/');
		const headers = lowerCaseHeaders(req);
		const route = routeOf(method, path);
		const entry: RecordedRequest = {
			method,
			path,
			route,
			headers,
			body: recordedBody(rawBody),
			status: 0,
			dropped: false,
			at: Date.now(),
		};
		ctx.requests.push(entry);
		await respond(ctx, delay, { method, path, headers, rawBody }, entry, res);
	} finally {
		ctx.activity.end();
	}
}

async function respond(
	ctx: SandboxContext,
	delay: Delay,
	info: IncomingInfo,
	entry: RecordedRequest,
	res: ServerResponse,
): Promise<void> {
	const { settings } = ctx;
	const secrets = settings.echoSecrets ? secretsOfRequest(ctx, info) : [];
	const send = (outcome: Outcome) => finish(ctx, res, entry, echoOutcome(outcome, secrets));
	if (entry.route === 'decommission' || (entry.route === 'auth' && settings.faultsOnAuth)) {
		if (settings.latencyMs > 0) await delay(settings.latencyMs);
	}
	const fault = ctx.faults.decide(settings, entry.route, bodyKey(info.rawBody));
	if (fault.kind === 'redirect') {
		return send(redirect(fault.status, fault.location, info.path, redirectQuery(secrets)));
	}
	if (fault.kind === 'rateLimit') return send(rateLimited(settings, fault.retryAfterSeconds));
	const after = 'afterProcessing' in fault && fault.afterProcessing;
	if (!after && (await faultAnswer(ctx, delay, fault, send, res, entry))) return;

	let outcome: Outcome;
	if (entry.route === 'auth') outcome = handleAuth(ctx, info);
	else if (entry.route === 'decommission') outcome = handleDecommission(ctx, info);
	else outcome = errorOutcome(settings, 'NotFoundError', `Cannot ${info.method} ${info.path}`);

	if (after && (await faultAnswer(ctx, delay, fault, send, res, entry))) return;
	send(outcome);
}

/** Answers for the fault, or (slow answers) only waits; true when the request is answered. */
async function faultAnswer(
	ctx: SandboxContext,
	delay: Delay,
	fault: FaultDecision,
	send: (outcome: Outcome) => void,
	res: ServerResponse,
	entry: RecordedRequest,
): Promise<boolean> {
	switch (fault.kind) {
		case 'fail503':
			send(serviceUnavailable(ctx.settings, fault.html, fault.retryAfterSeconds));
			return true;
		case 'serverError':
			send(serverError(fault.status, fault.html));
			return true;
		case 'drop':
			entry.dropped = true;
			res.socket?.destroy();
			done(ctx, entry);
			return true;
		case 'slow':
			await delay(fault.delayMs);
			return false;
		default:
			return false;
	}
}

/** With echoSecrets the Location's query carries the token, which a client must never repeat. */
function redirectQuery(secrets: Echoed[]): string {
	const token = secrets.find((s) => s.label === 'token') ?? secrets[0];
	return token ? `session=${encodeURIComponent(token.value)}` : 'from=sandbox';
}

function finish(
	ctx: SandboxContext,
	res: ServerResponse,
	entry: RecordedRequest,
	outcome: Outcome,
): void {
	const text = typeof outcome.body === 'string' ? outcome.body : JSON.stringify(outcome.body);
	if (!res.destroyed) {
		res.writeHead(outcome.status, {
			'content-type': outcome.contentType ?? 'application/json; charset=utf-8',
			'content-length': String(Buffer.byteLength(text)),
			...outcome.headers,
		});
		res.end(text);
	}
	entry.status = outcome.status;
	done(ctx, entry);
}

function done(ctx: SandboxContext, entry: RecordedRequest): void {
	entry.durationMs = Date.now() - entry.at;
	ctx.settings.onRequest?.(entry);
}

function routeOf(method: string, path: string): Route {
	if (method !== 'POST') return 'other';
	if (path === AUTH_PATH) return 'auth';
	if (path === DECOMMISSION_PATH) return 'decommission';
	return 'other';
}

/** Drops the query and one trailing slash, as Express's default routing does; '//' stays wrong. */
function normalisePath(url: string): string {
	const path = url.split('?')[0];
	return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(', ');
	}
	return headers;
}

function recordedBody(raw: string): unknown {
	if (raw === '') return '';
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
