import { RetentionSettings } from './RetentionSettings';
import { TraineeData } from './TraineeData';

/** The admin's settings: how long logs are kept, and one trainee's data. */
export function AdminPage() {
  return (
    <div className="hub-admin">
      <div className="page-heading">
        <h1>Admin</h1>
        <p className="lede">Data kept by this hub, for your academy’s records policy.</p>
      </div>
      <div className="hub-admin-grid">
        <RetentionSettings />
        <TraineeData />
      </div>
    </div>
  );
}
