package dev.rollbackshell.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads JUnit XML reports (pytest {@code --junitxml}, Maven Surefire {@code TEST-*.xml}, jest-junit...). */
public final class JUnitXml {

    static final int DETAIL_MAX = 8_000;

    private JUnitXml() {
    }

    /** The test cases of one report file; an unreadable file gives none. */
    public static List<TestOutcome> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(builder().parse(in));
        } catch (IOException | SAXException | ParserConfigurationException e) {
            return List.of();
        }
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f.newDocumentBuilder();
    }

    private static List<TestOutcome> parse(Document doc) {
        List<TestOutcome> out = new ArrayList<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String cls = c.getAttribute("classname");
            String name = c.getAttribute("name");
            String id = cls.isEmpty() ? name : cls + "." + name;
            String file = c.getAttribute("file").isEmpty() ? null : c.getAttribute("file");
            String status = TestOutcome.PASSED;
            String detail = null;
            for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element e)) {
                    continue;
                }
                switch (e.getTagName()) {
                    case "failure" -> {
                        status = TestOutcome.FAILED;
                        detail = detail(e);
                    }
                    case "error" -> {
                        status = TestOutcome.ERROR;
                        detail = detail(e);
                    }
                    case "skipped" -> {
                        if (status.equals(TestOutcome.PASSED)) {
                            status = TestOutcome.SKIPPED;
                        }
                    }
                    default -> {
                    }
                }
            }
            out.add(new TestOutcome(id, status, file, detail));
        }
        return out;
    }

    private static String detail(Element e) {
        String message = e.getAttribute("message");
        String text = e.getTextContent() == null ? "" : e.getTextContent().strip();
        String d = text.isEmpty() ? message : (message.isEmpty() || text.contains(message) ? text : message + "\n" + text);
        return FailureText.tail(d, DETAIL_MAX);
    }
}
