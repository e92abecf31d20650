import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { REFRESH_TOKEN_KEY } from '../../api/client.ts';
import { ApiError } from '../../api/errors.ts';
import type { Me, Membership } from '../../api/types.ts';
import type { VitalisApi } from '../../api/vitalis-api.ts';
import { applyBrand, brandOf, rememberBrand, rememberedBrand, type Brand } from '../branding/branding.ts';
import { chooseTenant } from './choose-tenant.ts';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'unreachable';

export interface Session {
  api: VitalisApi;
  status: SessionStatus;
  me: Me | null;
  /** The tenant the app acts in (sent as X-Tenant-Id); null only while signed out. */
  tenant: Membership | null;
  brand: Brand;
  /** Loads /me again (after sign-in, MFA changes, accepting an invitation). */
  reload(): Promise<Me>;
  selectTenant(tenantId: string): void;
  /** Ends the session here (or, with `everywhere`, on every device); sign-in then says so. */
  signOut(options?: { everywhere?: boolean }): Promise<void>;
  /** Set after a deliberate sign-out: what the sign-in page tells the person. */
  farewell: string | null;
}

const TENANT_KEY = 'vitalis.tenantId';
const SessionContext = createContext<Session | null>(null);

function readStoredTenant(): string | null {
  try {
    return localStorage.getItem(TENANT_KEY);
  } catch {
    return null;
  }
}

export function SessionProvider({ api, children }: { api: VitalisApi; children: ReactNode }) {
  const { client } = api;
  const [status, setStatus] = useState<SessionStatus>(() => (client.hasSession ? 'loading' : 'signed-out'));
  const [me, setMe] = useState<Me | null>(null);
  const [tenantId, setTenantId] = useState<string | null>(readStoredTenant);
  const [farewell, setFarewell] = useState<string | null>(null);
  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);

  const reload = useCallback(async () => {
    const loaded = await api.me();
    const chosen = chooseTenant(loaded, client.tenantId ?? readStoredTenant());
    client.tenantId = chosen?.tenantId ?? null;
    setTenantId(chosen?.tenantId ?? null);
    setMe(loaded);
    setFarewell(null);
    setStatus('signed-in');
    return loaded;
  }, [api, client]);

  const resume = useCallback(() => {
    if (!client.hasSession) {
      setStatus('signed-out');
      return;
    }
    setStatus('loading');
    reload().catch((error: unknown) => {
      setStatus(error instanceof ApiError && error.status === 401 ? 'signed-out' : 'unreachable');
    });
  }, [client, reload]);

  useEffect(resume, [resume]);

  useEffect(
    () =>
      client.subscribe((signedIn) => {
        if (signedIn) return;
        setMe(null);
        setStatus('signed-out');
      }),
    [client],
  );

  // Another tab signed out (the refresh token is gone) or signed in.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== REFRESH_TOKEN_KEY && event.key !== null) return;
      if (event.newValue === null) client.forgetAccessToken();
      else if (statusRef.current === 'signed-out') resume();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [client, resume]);

  const tenant = useMemo(() => chooseTenant(me, tenantId), [me, tenantId]);
  const brand = useMemo(() => (status === 'signed-in' ? brandOf(tenant) : rememberedBrand()), [status, tenant]);

  useEffect(() => {
    applyBrand(brand);
    if (status === 'signed-in') rememberBrand(brand);
  }, [brand, status]);

  const selectTenant = useCallback(
    (id: string) => {
      client.tenantId = id;
      setTenantId(id);
      try {
        localStorage.setItem(TENANT_KEY, id);
      } catch {
        // The choice then lasts for this page only.
      }
    },
    [client],
  );

  const signOut = useCallback(
    async (options: { everywhere?: boolean } = {}) => {
      // Said first, so that whichever render follows the end of the session already knows why.
      setFarewell(options.everywhere ? 'You are signed out on every device.' : 'You are signed out.');
      try {
        if (options.everywhere) await api.signOutEverywhere();
        else await api.signOut();
      } catch (error) {
        setFarewell(null);
        throw error;
      }
      rememberBrand(brandOf(null));
      client.tenantId = null;
      setMe(null);
      setStatus('signed-out');
    },
    [api, client],
  );

  const value = useMemo<Session>(
    () => ({ api, status, me, tenant, brand, reload, selectTenant, signOut, farewell }),
    [api, status, me, tenant, brand, reload, selectTenant, signOut, farewell],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The session of a page behind <RequireAuth>: signed in, with a tenant. */
export function useSignedIn(): Session & { me: Me; tenant: Membership } {
  const session = useSession();
  if (!session.me || !session.tenant) throw new Error('useSignedIn outside <RequireAuth>');
  return session as Session & { me: Me; tenant: Membership };
}
