import { Link } from 'react-router-dom';
import { AuthLayout } from '../components/layouts.tsx';
import { PageHeading } from '../components/page.tsx';
import { useSession } from '../features/session/session-context.tsx';

export function NotFoundPage() {
  const { status } = useSession();
  return (
    <AuthLayout>
      <PageHeading title="Page not found">
        <p>There is nothing at this address. It may have moved, or the link may be incomplete.</p>
      </PageHeading>
      <Link className="btn btn--secondary" to={status === 'signed-in' ? '/dashboard' : '/sign-in'}>
        {status === 'signed-in' ? 'Go to the dashboard' : 'Go to sign in'}
      </Link>
    </AuthLayout>
  );
}
