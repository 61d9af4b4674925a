import { useEffect, useState } from 'react';
import { hubHealth } from '../api';

/**
 * Whether this page was served by a class hub. The player also runs from a
 * plain static server or offline, where the hub's screens would only show
 * errors, so the navigation asks once per page load before offering them.
 */
export function useHubServed(): boolean {
  const [served, setServed] = useState(false);
  useEffect(() => {
    let current = true;
    void hubHealth().then((health) => {
      if (current) setServed(health?.ok === true);
    });
    return () => {
      current = false;
    };
  }, []);
  return served;
}
