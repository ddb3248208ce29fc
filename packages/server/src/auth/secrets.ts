import { hash, randomBytes, randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other when read aloud or typed. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An access code like "K7QF-M2XD-9PRT": 12 characters, 60 bits. */
export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  }
  return code;
}

/** What people type is forgiven its case, spaces and dashes. */
export function normalizeAccessCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

export function hashAccessCode(code: string): string {
  return sha256(`gavel-code:${normalizeAccessCode(code)}`);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newId(prefix: string): string {
  let id = `${prefix}_`;
  for (let i = 0; i < 12; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}
