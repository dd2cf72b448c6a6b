package dev.btag.data.synthetic;

/**
 * The closest approach of two straight trajectories (point + s · direction; lengths in cm), the geometry behind the
 * tracks' distance to the jet axis, the vertex finder's track compatibility, the seeds' pair variables and the
 * DeepVertex pair variables. Tracks are straight lines from their production point (the field's curvature enters
 * only the impact parameter, see {@link JetReconstruction}), so this is exact for them.
 *
 * <p>A reusable scratch object: {@link #compute} overwrites the results. Not thread-safe.
 */
final class ClosestApproach {

    /** Distance between the two lines at their closest approach (cm). */
    double distance;
    /** Distance of the midpoint of the two closest points from the origin, the primary vertex (cm). */
    double midpointRadius;
    /** Position of the closest point along the first line, in units of its (normalised) direction (cm). */
    double position;
    /** Sine of the opening angle between the two lines (0 for parallel lines). */
    double sinOpening;
    /** Cosine of the opening angle between the two directions. */
    double cosOpening;
    /** Midpoint of the two closest points, x (cm). */
    double midX;
    /** Midpoint of the two closest points, y (cm). */
    double midY;
    /** Midpoint of the two closest points, z (cm). */
    double midZ;

    /**
     * Computes the closest approach of line a and line b; directions need not be normalised. Parallel lines (sine
     * below 1e-6) are measured from the first line's point.
     *
     * @param ax point on a, x
     * @param ay point on a, y
     * @param az point on a, z
     * @param adx direction of a, x
     * @param ady direction of a, y
     * @param adz direction of a, z
     * @param bx point on b, x
     * @param by point on b, y
     * @param bz point on b, z
     * @param bdx direction of b, x
     * @param bdy direction of b, y
     * @param bdz direction of b, z
     * @return this object, holding the results
     */
    ClosestApproach compute(double ax, double ay, double az, double adx, double ady, double adz,
                            double bx, double by, double bz, double bdx, double bdy, double bdz) {
        double na = Math.sqrt(adx * adx + ady * ady + adz * adz);
        double nb = Math.sqrt(bdx * bdx + bdy * bdy + bdz * bdz);
        adx /= na;
        ady /= na;
        adz /= na;
        bdx /= nb;
        bdy /= nb;
        bdz /= nb;
        double wx = ax - bx;
        double wy = ay - by;
        double wz = az - bz;
        double c = adx * bdx + ady * bdy + adz * bdz;
        double d = adx * wx + ady * wy + adz * wz;
        double e = bdx * wx + bdy * wy + bdz * wz;
        double denom = 1 - c * c;
        double s;
        double t;
        if (denom < 1e-12) {
            s = 0;
            t = e;
        } else {
            s = (c * e - d) / denom;
            t = (e - c * d) / denom;
        }
        double px = ax + s * adx;
        double py = ay + s * ady;
        double pz = az + s * adz;
        double qx = bx + t * bdx;
        double qy = by + t * bdy;
        double qz = bz + t * bdz;
        distance = Math.sqrt((px - qx) * (px - qx) + (py - qy) * (py - qy) + (pz - qz) * (pz - qz));
        double mx = 0.5 * (px + qx);
        double my = 0.5 * (py + qy);
        double mz = 0.5 * (pz + qz);
        midpointRadius = Math.sqrt(mx * mx + my * my + mz * mz);
        midX = mx;
        midY = my;
        midZ = mz;
        position = s;
        sinOpening = Math.sqrt(Math.max(0, denom));
        cosOpening = c;
        return this;
    }

    /**
     * Closest approach of two tracks of a reconstructed jet.
     *
     * @param jet the jet
     * @param t the first track
     * @param u the second track
     * @return this object, holding the results
     */
    ClosestApproach ofTracks(ReconstructedJet jet, int t, int u) {
        return compute(jet.originX[t], jet.originY[t], jet.originZ[t], jet.px[t], jet.py[t], jet.pz[t],
            jet.originX[u], jet.originY[u], jet.originZ[u], jet.px[u], jet.py[u], jet.pz[u]);
    }

    /**
     * Closest approach of the jet axis (a line through the primary vertex) and a track.
     *
     * @param jet the jet
     * @param t the track
     * @return this object, holding the results
     */
    ClosestApproach ofAxisAndTrack(ReconstructedJet jet, int t) {
        return compute(0, 0, 0, jet.axisX, jet.axisY, jet.axisZ,
            jet.originX[t], jet.originY[t], jet.originZ[t], jet.px[t], jet.py[t], jet.pz[t]);
    }

    /**
     * Distance of a point from a track's line.
     *
     * @param jet the jet
     * @param t the track
     * @param x the point, x (cm)
     * @param y the point, y
     * @param z the point, z
     * @return the distance (cm)
     */
    static double pointToTrack(ReconstructedJet jet, int t, double x, double y, double z) {
        double p = Math.sqrt(jet.px[t] * jet.px[t] + jet.py[t] * jet.py[t] + jet.pz[t] * jet.pz[t]);
        double wx = x - jet.originX[t];
        double wy = y - jet.originY[t];
        double wz = z - jet.originZ[t];
        double along = (wx * jet.px[t] + wy * jet.py[t] + wz * jet.pz[t]) / p;
        double d2 = wx * wx + wy * wy + wz * wz - along * along;
        return Math.sqrt(Math.max(0, d2));
    }
}
