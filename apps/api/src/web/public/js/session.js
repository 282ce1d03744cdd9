// The signed-in user: a token from the API's demo sign-in, kept in sessionStorage for this tab.

const KEY = 'kundval.session';

/** Demo users of the development-mode sign-in (POST /auth/dev-token). */
export const DEMO_USERS = [
  { id: 'anna', name: 'Handläggare Anna', role: 'caseworker', subject: 'handlaggare-anna' },
  {
    id: 'karin',
    name: 'Kvalitetsansvarig Karin',
    role: 'quality_officer',
    subject: 'kvalitet-karin',
  },
  { id: 'erik', name: 'Ekonom Erik', role: 'finance', subject: 'ekonom-erik' },
  { id: 'rut', name: 'Revisor Rut', role: 'auditor', subject: 'revisor-rut' },
  {
    id: 'anordnare',
    name: 'Anordnare',
    role: 'provider',
    subject: 'anordnare',
    providerId: 'hemtjanst-p01',
  },
  { id: 'medborgare', name: 'Medborgare', role: 'citizen', subject: 'medborgare', citizenIds: [] },
];

export function currentSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!session?.token) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

export function token() {
  return currentSession()?.token ?? '';
}
