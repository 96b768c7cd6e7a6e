// Passphrases for hand-off bundles. The proposal is read out over the phone, so it avoids the characters people
// confuse when they hear or read them (0/O, 1/I/L) and comes in groups of four; the random source is a parameter so
// that core stays platform-free (main passes crypto.getRandomValues). The strength estimate is deliberately rough
// and pessimistic: it exists to refuse "hello123", not to grade good passphrases.

/** 31 characters: digits 2–9 and the letters without I, L and O. */
export const PASSPHRASE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PASSPHRASE_GROUPS = 6;
export const PASSPHRASE_GROUP_LENGTH = 4;
/** Below this estimate sealing refuses the passphrase (Bundle.WeakPassphrase). */
export const MIN_PASSPHRASE_BITS = 60;
/** The proposal's entropy: 24 × log2(31) ≈ 118.9 bits. */
export const PROPOSED_PASSPHRASE_BITS = PASSPHRASE_GROUPS * PASSPHRASE_GROUP_LENGTH * Math.log2(PASSPHRASE_ALPHABET.length);

/** e.g. `7KQM-WX3D-PZ9F-RT2H-N8BV-4CJE`. `random(n)` returns n uniformly random bytes. */
export function proposePassphrase(random: (n: number) => Uint8Array): string {
  const size = PASSPHRASE_ALPHABET.length;
  // Rejection sampling: bytes at or above the largest multiple of 31 would favour the first characters.
  const limit = 256 - (256 % size);
  const wanted = PASSPHRASE_GROUPS * PASSPHRASE_GROUP_LENGTH;
  const chars: string[] = [];
  for (let rounds = 0; chars.length < wanted; rounds++) {
    if (rounds > 1000) throw new Error('the random source does not return random bytes');
    for (const byte of random(wanted)) {
      if (byte < limit && chars.length < wanted) chars.push(PASSPHRASE_ALPHABET[byte % size]!);
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < wanted; i += PASSPHRASE_GROUP_LENGTH) groups.push(chars.slice(i, i + PASSPHRASE_GROUP_LENGTH).join(''));
  return groups.join('-');
}

const SEPARATORS = new Set([' ', '-', '_', '.']);
// Substrings that make up most guessed passwords: each counts as a couple of bits in total, whatever its length.
const COMMON = ['password', 'passwort', 'qwerty', 'azerty', 'asdf', 'letmein', 'welcome', 'admin', 'secret', 'ipsec', 'alibaba', 'aliyun', 'huawei', 'cisco'];

function poolOf(chars: readonly string[]): number {
  let pool = 0;
  if (chars.some((c) => /[a-z]/.test(c))) pool += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) pool += 26;
  if (chars.some((c) => /[0-9]/.test(c))) pool += 10;
  if (chars.some((c) => /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(c) && !SEPARATORS.has(c))) pool += 33;
  if (chars.some((c) => c.charCodeAt(0) > 0x7e)) pool += 100;
  return pool;
}

/**
 * A rough, pessimistic estimate of a passphrase's entropy in bits: each character is worth log2 of the pool of its
 * character classes, except a repeat or a step from the previous one (aa, ab, 12), a separator, a letter inside a
 * lower-case word (natural language is about two bits a letter) and a common password fragment.
 */
export function passphraseStrength(text: string): number {
  let rest = text;
  let fragments = 0;
  for (const word of COMMON) {
    const before = rest;
    rest = rest.replace(new RegExp(word, 'gi'), ' ');
    if (rest !== before) fragments += 1;
  }
  const chars = Array.from(rest);
  const pool = poolOf(chars);
  const full = pool > 1 ? Math.log2(pool) : 0;
  let bits = fragments * 2;
  let previous = '';
  let wordRun = 0;
  for (const c of chars) {
    const isLower = /[a-z]/.test(c);
    // A lower-case letter that continues a word (after a letter): "Correct" and "horse" are words, "kQ7m" is not.
    const inWord = isLower && wordRun > 0;
    wordRun = /[A-Za-z]/.test(c) && (isLower || wordRun === 0) ? wordRun + 1 : 0;
    if (SEPARATORS.has(c)) bits += 1;
    else if (previous !== '' && Math.abs((c.codePointAt(0) ?? 0) - (previous.codePointAt(0) ?? 0)) <= 1) bits += 1;
    else if (inWord) bits += Math.min(full, 2);
    else bits += full;
    previous = c;
  }
  return Math.round(bits * 10) / 10;
}
