import { useEffect, useRef, type ReactNode } from 'react';
import { useSession } from '../features/session/session-context.tsx';

let firstPage = true;

/**
 * A page's heading and document title. After in-app navigation, focus moves to the heading so
 * keyboard and screen-reader users start at the new content (not on the first load).
 */
export function PageHeading({ title, eyebrow, children }: { title: string; eyebrow?: string; children?: ReactNode }) {
  const { brand } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = title === brand.productName ? title : `${title} · ${brand.productName}`;
  }, [title, brand.productName]);

  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);

  return (
    <header className="page-heading">
      {eyebrow ? <p className="page-heading__eyebrow">{eyebrow}</p> : null}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children ? <div className="page-heading__lede">{children}</div> : null}
    </header>
  );
}
