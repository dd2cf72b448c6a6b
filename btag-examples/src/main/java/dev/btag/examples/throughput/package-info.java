/** Throughput measurements of the data path (synthetic generation, batch assembly) for {@code btag bench}. */
package dev.btag.examples.throughput;
