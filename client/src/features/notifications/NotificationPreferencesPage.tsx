import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { NotificationDelivery, NotificationKind } from '../../gql/graphql';
import { describeError } from '../../api/errors';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Choices } from '../../components/ui/fields';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { NOTIFICATION_KIND_LABELS } from './notification-links';

const NotificationPreferencesDocument = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      kind
      delivery
    }
  }
`);

const SetNotificationPreferencesDocument = graphql(`
  mutation SetNotificationPreferences($input: SetNotificationPreferencesInput!) {
    setNotificationPreferences(input: $input) {
      kind
      delivery
    }
  }
`);

const DELIVERY_OPTIONS: { value: NotificationDelivery; label: string; hint?: string }[] = [
  { value: 'IMMEDIATE', label: 'At once', hint: 'In Pilotline and by email straight away' },
  { value: 'DAILY_DIGEST', label: 'Daily email', hint: 'In Pilotline, and in one email a day' },
  { value: 'OFF', label: 'Off' },
];

export default function NotificationPreferencesPage() {
  usePageTitle('Notification settings');
  const { data, loading, error, refetch } = useQuery(NotificationPreferencesDocument);
  const [save, { loading: saving }] = useMutation(SetNotificationPreferencesDocument);
  const [choices, setChoices] = useState<Partial<Record<NotificationKind, NotificationDelivery>>>({});
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved) banner.current?.focus();
  }, [saved]);

  const deliveryOf = (kind: NotificationKind, fallback: NotificationDelivery) => choices[kind] ?? fallback;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setSaved(false);
    const preferences = (data?.notificationPreferences ?? []).map(({ kind, delivery }) => ({ kind, delivery: deliveryOf(kind, delivery) }));
    try {
      await save({ variables: { input: { preferences } }, refetchQueries: ['NotificationPreferences'], awaitRefetchQueries: true });
      setChoices({});
      setSaved(true);
    } catch (saveError) {
      setProblem(describeError(saveError).message);
    }
  };

  return (
    <>
      <p className="govuk-body">
        <Link className="govuk-link" to="/notifications">
          Back to notifications
        </Link>
      </p>
      {saved && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title" tabIndex={-1} ref={banner}>
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="saved-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">Your notification settings are saved</p>
          </div>
        </div>
      )}
      <h1 className="govuk-heading-l">Notification settings</h1>
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data && (
        <form onSubmit={onSubmit} noValidate>
          <ErrorSummary errors={problem ? [{ text: problem }] : []} />
          {data.notificationPreferences.map(({ kind, delivery }) => (
            <Choices
              key={kind}
              id={`delivery-${kind}`}
              legend={NOTIFICATION_KIND_LABELS[kind]}
              type="radio"
              small
              options={DELIVERY_OPTIONS}
              selected={[deliveryOf(kind, delivery)]}
              onChange={([value]) => setChoices((current) => ({ ...current, [kind]: value as NotificationDelivery }))}
            />
          ))}
          <button type="submit" className="govuk-button" disabled={saving}>
            Save settings
          </button>
        </form>
      )}
    </>
  );
}
