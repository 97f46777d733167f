import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Highlight } from './Highlight';

describe('Highlight', () => {
  it('marks matched words and renders everything else as text, never as markup', () => {
    const { container } = render(<Highlight snippet={'Smart <mark>parking</mark> for <img src=x onerror=alert(1)> towns <mark>park</mark>'} />);
    expect([...container.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['parking', 'park']);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
