/**
 * Search snippets wrap matched words in <mark> and are otherwise raw text. They are split into
 * text and <mark> elements, never parsed as HTML, so a challenge's text cannot inject markup.
 */
export function Highlight({ snippet }: { snippet: string }) {
  const parts = snippet.split(/(<mark>.*?<\/mark>)/g).filter(Boolean);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith('<mark>') && part.endsWith('</mark>') ? <mark key={index}>{part.slice(6, -7)}</mark> : <span key={index}>{part}</span>,
      )}
    </>
  );
}
