import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import type { SandboxSettings } from './types';

/** Matches the vendor sample's header byte for byte: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9. */
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export type TokenCheck =
	| { ok: true; kind: 'static' | 'dynamic' }
	| { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'revoked' | 'used up' };

/**
 * Issues and checks HS256 JWTs signed with a secret that lives only in this process, so a token
 * from another sandbox (or a restarted one) is rejected like a forged one.
 */
export class TokenService {
	readonly issued: string[] = [];

	private readonly secret = randomBytes(32);

	private readonly revoked = new Set<string>();

	private readonly uses = new Map<string, number>();

	issue(apiKey: string, lifetimeSeconds: number, nowMs = Date.now()): string {
		const iat = Math.floor(nowMs / 1000);
		// _id is random per token (the vendor's is a Mongo-style id) so two tokens issued in the
		// same second differ and per-token use counts stay separate.
		const payload = {
			key: apiKey,
			_id: randomBytes(12).toString('hex'),
			iat,
			exp: iat + lifetimeSeconds,
		};
		const body = `${HEADER}.${base64url(JSON.stringify(payload))}`;
		const token = `${body}.${this.sign(body)}`;
		this.issued.push(token);
		return token;
	}

	check(token: string, settings: SandboxSettings, nowMs = Date.now()): TokenCheck {
		if (this.revoked.has(token) || settings.revokedTokens.includes(token)) {
			return { ok: false, reason: 'revoked' };
		}
		if (settings.staticTokens.includes(token)) return { ok: true, kind: 'static' };
		const parts = token.split('.');
		if (parts.length !== 3) return { ok: false, reason: 'malformed' };
		const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
		const given = Buffer.from(parts[2]);
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
			return { ok: false, reason: 'signature' };
		}
		const payload = decodePayload(parts[1]);
		if (!payload || typeof payload.exp !== 'number') return { ok: false, reason: 'malformed' };
		if (nowMs >= payload.exp * 1000) return { ok: false, reason: 'expired' };
		const limit = settings.expireTokenAfterRequests;
		if (limit !== null && (this.uses.get(token) ?? 0) >= limit) {
			return { ok: false, reason: 'used up' };
		}
		return { ok: true, kind: 'dynamic' };
	}

	/** Counts a decommission request made with a dynamic token (for expireTokenAfterRequests). */
	recordUse(token: string): void {
		this.uses.set(token, (this.uses.get(token) ?? 0) + 1);
	}

	revoke(token: string): void {
		this.revoked.add(token);
	}

	reset(): void {
		this.issued.length = 0;
		this.revoked.clear();
		this.uses.clear();
	}

	private sign(data: string): string {
		return createHmac('sha256', this.secret).update(data).digest('base64url');
	}
}

export function decodePayload(segment: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

function base64url(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64url');
}
