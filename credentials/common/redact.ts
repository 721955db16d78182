/**
 * Scrubbing secrets out of texts a user will see: a server may echo the token or the password back
 * in an error, and a login failure must not repeat the password.
 */

/** Removes the secret from any text, in case a server echoes it back. */
export function redact(text: string, secret: string | undefined): string {
	return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}

export function redactAll(text: string, secrets: readonly string[]): string {
	return secrets.reduce((scrubbed, secret) => redact(scrubbed, secret), text);
}
