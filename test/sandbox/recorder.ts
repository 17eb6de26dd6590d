/**
 * A "foreign host": a second loopback server that a redirect fault points at. It records every
 * request that reaches it (method, path with query, headers, body) and answers like a plausible
 * Movilitas would (a token, every serial decommissioned), so that a client which follows the
 * redirect both leaks its credentials here and takes a false answer for the truth.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

import { AUTH_PATH, DECOMMISSION_PATH } from './config';

export interface ForeignRequest {
	method: string;
	/** Path and query, as received. */
	url: string;
	headers: Record<string, string>;
	/** Parsed JSON, or the raw text ('' when empty). */
	body: unknown;
	at: number;
}

export interface Recorder {
	url: string;
	port: number;
	readonly requests: ForeignRequest[];
	/** Tokens it handed out, to search outputs for. */
	readonly tokens: string[];
	stop(): Promise<void>;
}

export async function startRecorder(port = 0): Promise<Recorder> {
	const requests: ForeignRequest[] = [];
	const tokens: string[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		void record(req).then((entry) => {
			requests.push(entry);
			const answer = answerFor(entry, tokens);
			res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify(answer));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const actual = typeof address === 'object' && address ? address.port : port;
	let stopping: Promise<void> | undefined;
	return {
		url: `http://127.0.0.1:${actual}`,
		port: actual,
		requests,
		tokens,
		stop() {
			stopping ??= new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
			return stopping;
		},
	};
}

function answerFor(entry: ForeignRequest, tokens: string[]): unknown {
	const path = entry.url.split('?')[0];
	if (path === AUTH_PATH) {
		const token = `foreign-${randomBytes(9).toString('hex')}`;
		tokens.push(token);
		return { success: true, message: 'Authentication successful', token };
	}
	const serials = (entry.body as { serials?: unknown } | null)?.serials;
	if (path === DECOMMISSION_PATH && Array.isArray(serials)) {
		return {
			success: true,
			message: 'Serials decommissioned',
			data: serials.map((serial) => ({ serial_number: serial, status: 'Decommissioned' })),
		};
	}
	return { success: true };
}

async function record(req: IncomingMessage): Promise<ForeignRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString('utf8');
	let body: unknown = raw;
	try {
		body = raw === '' ? '' : (JSON.parse(raw) as unknown);
	} catch {
		body = raw;
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(', ');
	}
	return { method: req.method ?? 'GET', url: req.url ?? '/', headers, body, at: Date.now() };
}
