package dev.rollbackshell.plan;

/**
 * Small Python programs the plan's shorthands run. Everything they act on is passed as
 * arguments ({@code sys.argv}), never pasted into the code.
 */
public final class PythonSnippets {

    private PythonSnippets() {
    }

    /** {@code imports}: each argument {@code module} or {@code module:Name}; all are tried, failures named. */
    public static final String IMPORTS = """
            import importlib, sys, traceback
            failed = 0
            for spec in sys.argv[1:]:
                module, _, name = spec.partition(':')
                try:
                    m = importlib.import_module(module)
                    if name and not hasattr(m, name):
                        raise ImportError("cannot import name '%s' from '%s'" % (name, module))
                    print('import ' + spec + ' ok')
                except BaseException as e:
                    failed += 1
                    traceback.print_exc()
                    print('import ' + spec + ' failed: ' + type(e).__name__ + ': ' + str(e))
            sys.exit(1 if failed else 0)
            """;

    /** Component check: {@code module [Class [method...]]}: importable, class present, methods present. */
    public static final String COMPONENT = """
            import importlib, sys, traceback
            module = sys.argv[1]
            cls_name = sys.argv[2] if len(sys.argv) > 2 else ''
            methods = sys.argv[3:]
            try:
                m = importlib.import_module(module)
            except BaseException as e:
                traceback.print_exc()
                print('module ' + module + ' not importable: ' + type(e).__name__ + ': ' + str(e))
                sys.exit(1)
            if cls_name:
                cls = getattr(m, cls_name, None)
                if cls is None:
                    print('class ' + cls_name + ' missing from ' + module)
                    sys.exit(1)
                missing = [x for x in methods if not callable(getattr(cls, x, None))]
                if missing:
                    print(cls_name + ' lacks ' + ', '.join(missing))
                    sys.exit(1)
            print('component ok')
            """;
}
