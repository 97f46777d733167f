import { useEffect } from 'react';

/** Every page has its own title (WCAG 2.4.2), prefixed with "Error:" while its form shows errors. */
export function usePageTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – Pilotline`;
  }, [title, hasErrors]);
}
