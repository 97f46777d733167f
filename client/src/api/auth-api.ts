import { ApiError, problemFrom } from './errors';

/** Sign-in lives outside GraphQL: these are the JSON endpoints under /auth. */
async function postJson(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, problemFrom({ code: 'NETWORK' }, 'We could not reach Pilotline. Check your connection and try again.'));
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const error = (json.error ?? {}) as Record<string, unknown>;
    throw new ApiError(response.status, problemFrom(error, typeof error.message === 'string' ? error.message : 'Something went wrong.'));
  }
  return { status: response.status, body: json };
}

export async function signIn(email: string, password: string): Promise<void> {
  await postJson('/auth/login', { email, password });
}

export async function signOut(): Promise<void> {
  await postJson('/auth/logout', {});
}

/** Confirms the email address behind the token of an emailed `/verify-email/:token` link; each works once. */
export async function verifyEmail(token: string): Promise<void> {
  await postJson('/auth/verify-email', { token });
}

export interface NewOrganisation {
  name: string;
  kind: 'PUBLIC_BODY' | 'STARTUP';
  publicBodyType?: string;
  region?: string;
}

export interface Registration {
  name: string;
  email: string;
  password: string;
  organisation?: NewOrganisation;
  invitationToken?: string;
}

/** `signedIn` is false when the server asks the person to confirm their email before signing in. */
export async function register(registration: Registration): Promise<{ signedIn: boolean }> {
  const { status } = await postJson('/auth/register', registration);
  return { signedIn: status === 201 };
}
