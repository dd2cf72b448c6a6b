package dev.btag.spark.score;

import java.io.Serializable;

/**
 * Told by the executor before it scores a row range: for progress reports, logging, or tests that make a task fail
 * to see Spark retry it. Implementations are shipped to the executors, so they must be serializable and must not
 * hold driver-side state they expect to change; they are called from several task threads at once.
 */
@FunctionalInterface
public interface RangeListener extends Serializable {

    /**
     * Called before the range is read.
     *
     * @param range the range
     * @param attempt Spark's attempt number of the task, 0 on the first try
     * @throws Exception to fail the task (Spark retries it up to its {@code spark.task.maxFailures})
     */
    void starting(RowRange range, int attempt) throws Exception;
}
