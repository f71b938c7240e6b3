/** Password hashing with argon2id (@node-rs/argon2, its default parameters follow OWASP's advice). */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A one-time password to print: 16 characters without look-alikes (0/O, 1/l/I). */
export function generatePassword(length = 16): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}
