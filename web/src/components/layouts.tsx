import type { ReactNode } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { useSession, useSignedIn } from '../features/session/session-context.tsx';
import { TenantSwitcher } from '../features/session/tenant-switcher.tsx';
import { BrandMark } from './brand-mark.tsx';
import { Button } from './button.tsx';

function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to content
    </a>
  );
}

/** The frame of the pages a signed-out person sees: a calm card in the middle. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { brand } = useSession();
  return (
    <div className="auth">
      <SkipLink />
      <header className="auth__brand">
        <Link to="/" className="brand-link" aria-label={`${brand.productName} home`}>
          <BrandMark brand={brand} />
        </Link>
      </header>
      <main id="main" className="auth__card">
        {children}
      </main>
      <footer className="auth__footer">
        <p>{brand.whiteLabel ? `${brand.productName} runs on Vitalis.` : 'Your health data, in one place you control.'}</p>
      </footer>
    </div>
  );
}

/** The frame of the signed-in app: brand, tenant switcher, navigation and account. */
export function AppShell() {
  const { me, tenant, brand, signOut } = useSignedIn();
  const isAdmin = tenant.role === 'admin';
  const navClass = ({ isActive }: { isActive: boolean }) => `nav__link${isActive ? ' nav__link--active' : ''}`;
  return (
    <div className="shell">
      <SkipLink />
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/dashboard" className="brand-link" aria-label={`${brand.productName} dashboard`}>
            <BrandMark brand={brand} />
          </Link>
          <TenantSwitcher />
          <div className="account">
            <span className="account__who">
              <span className="account__name">{me.user.name}</span>
              <span className="account__email">{me.user.email}</span>
            </span>
            <Button
              variant="secondary"
              className="btn--small"
              onClick={() => void signOut()}
            >
              Sign out
            </Button>
          </div>
        </div>
        <nav className="nav" aria-label="Main">
          <div className="nav__inner">
            <NavLink to="/dashboard" className={navClass}>
              Dashboard
            </NavLink>
            {isAdmin ? (
              <NavLink to="/members" className={navClass}>
                Members
              </NavLink>
            ) : null}
            <NavLink to="/account/security" className={navClass}>
              Security
            </NavLink>
          </div>
        </nav>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
