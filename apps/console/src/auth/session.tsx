import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { connectSession } from '../api/client';

export const ROLES = ['reporter', 'national_admin', 'agency_admin', 'unit_officer', 'apip_inspector', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that handle complaints in a work queue. */
export const OFFICER_ROLES: readonly Role[] = ['national_admin', 'agency_admin', 'unit_officer'];
/** Roles that read monitoring and evaluation figures. */
export const MONITOR_ROLES: readonly Role[] = ['national_admin', 'agency_admin', 'unit_officer', 'apip_inspector', 'auditor'];

export interface Session {
  token: string;
  role: Role;
  agencyId: string | null;
  subject: string;
  /** Epoch milliseconds at which the token expires. */
  expiresAt: number;
  via: 'development' | 'oidc';
}

const STORAGE_KEY = 'lacak.session';

/** Reads a claim by a dotted path (`realm_access.roles`), as the API's JWT_ROLE_CLAIM does. */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), claims);
}

/** The session a token stands for, read from its claims; the API verifies the token, the console only shows who is signed in. */
export function sessionFromToken(token: string, via: Session['via'], claimPaths = { role: 'role', agency: 'agencyId' }): Session | null {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const roleClaim = claimAt(claims, claimPaths.role);
    const role = (Array.isArray(roleClaim) ? roleClaim : [roleClaim]).find((r): r is Role => ROLES.includes(r as Role));
    if (!role) return null;
    const agency = claimAt(claims, claimPaths.agency);
    return {
      token,
      role,
      agencyId: typeof agency === 'string' ? agency : null,
      subject: String(claims.sub ?? ''),
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 3_600_000,
      via,
    };
  } catch {
    return null;
  }
}

function storedSession(): Session | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

interface SessionContextValue {
  session: Session | null;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The signed-in actor for the whole console, kept for the browser tab (sessionStorage), never longer than the token. */
export function SessionProvider({ children, initial }: { children: ReactNode; initial?: Session | null }) {
  const [session, setSession] = useState<Session | null>(() => (initial === undefined ? storedSession() : initial));
  const signIn = useCallback((next: Session) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  useEffect(() => {
    connectSession(() => session?.token ?? null, signOut);
  }, [session, signOut]);
  // Before the first effect runs, requests already need the token.
  connectSession(() => session?.token ?? null, signOut);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
