package dev.btag.metrics.roc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RocCsvTest {

    @Test
    void writesOneRowPerPointStartingWithInfinity() throws IOException {
        RocCurve roc = RocCurve.of(new double[] {0.9, 0.4, 0.4, 0.1}, new boolean[] {true, true, false, false});
        StringWriter out = new StringWriter();
        RocCsv.write(roc, out);
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of("threshold,tpr,fpr", "Infinity,0.0,0.0", "0.9,0.5,0.0", "0.4,1.0,0.5", "0.1,1.0,1.0"),
            lines);
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            assertEquals(roc.threshold(i - 1), Double.parseDouble(cells[0]));
            assertEquals(roc.tpr(i - 1), Double.parseDouble(cells[1]));
            assertEquals(roc.fpr(i - 1), Double.parseDouble(cells[2]));
        }
    }
}
