package dev.btag.models.scan;

/**
 * Hears about the points of a {@link ModelScan} as they finish, for progress displays or to stop a scan early.
 *
 * <p>Called from the scan's worker threads, one call at a time (the scan serialises the calls). An exception thrown
 * by the listener stops the scan: no further point starts, points already training finish and are saved, and
 * {@link ModelScan#run()} then throws that exception. The finished points are kept, so running the same scan again
 * trains only the missing ones.
 */
@FunctionalInterface
public interface ScanListener {

    /**
     * Called after a point was trained, evaluated and its {@code points/POINT.json} written (not for points reused
     * from an earlier run).
     *
     * @param result what the point measured
     * @param trained how many points this run has trained so far, this one included
     * @param toTrain how many points this run had to train (the scan's points less those reused)
     */
    void pointFinished(PointResult result, int trained, int toTrain);
}
