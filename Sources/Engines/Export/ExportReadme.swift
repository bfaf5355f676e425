/// The README.md an export writes beside the job: how to run it locally and
/// how to compare it with the lab.
enum ExportReadme {
    static let fileName = "README.md"

    static func text(target: ExportTarget, scenario: String, seed: UInt64, eventCount: Int, batchCount: Int) -> String {
        let header = """
        # StreamLab export: \(scenario) on \(target == .spark ? "Apache Spark" : "Apache Flink")

        Exported by `streamlab export \(scenario) --to \(target.rawValue) --seed \(seed) --events \(eventCount)`:
        \(eventCount) events in \(batchCount) micro-batches (`events.jsonl`, arrival order), and the query (`query.json`):
        a keyed window with count, sum, min and max of `value`, in StreamLab's replay format.
        Event times are floored to milliseconds and values rounded to integers; everything else is the lab's data.

        """
        return header + (target == .spark ? sparkSteps : flinkSteps) + comparison(target)
    }

    static let sparkSteps = """
    ## Run it locally (PySpark 4.3.0, Java 17)

    ```sh
    python3 -m venv .venv && .venv/bin/pip install pyspark==4.3.0
    .venv/bin/python job.py            # writes output.jsonl
    ```

    Each micro-batch of `events.jsonl` becomes one file read with `maxFilesPerTrigger=1`, so Spark runs the same
    batches as the lab; rows carry the Spark batch id. On a cluster, pass `--master` and feed the files to a
    watched directory instead.

    """

    static let flinkSteps = """
    ## Run it locally (apache-flink 2.3.0, Java 17)

    ```sh
    python3 -m venv .venv && .venv/bin/pip install apache-flink==2.3.0
    FLINK_LIB="$(.venv/bin/python -c 'import os, pyflink; print(os.path.dirname(pyflink.__file__))')/lib"
    javac -cp "$FLINK_LIB/*" StreamLabJob.java
    java --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \\
        -cp "$FLINK_LIB/*:." StreamLabJob .          # writes output.jsonl
    ```

    Parallelism 1, watermarks `max − delay − 1` after every event, and a final +∞ watermark at the end of the
    bounded input. Late events appear as `{"late":true,...}` rows.

    """

    static func comparison(_ target: ExportTarget) -> String {
        let engine = target == .spark ? "microbatch" : "record"
        return """
        ## Compare with the lab

        ```sh
        streamlab replay --engine \(engine) --query query.json --events events.jsonl > lab.jsonl
        ```

        `lab.jsonl` and `output.jsonl` hold the same rows; only their order may differ.

        """
    }
}
