// Timer values as Camunda 7 and Zeebe files write them (issue 17): cron
// cycles in either engine's numbering of the week, and JUEL expressions
// (${duration}, #{dueDate}, text around expressions). Cron facts: Quartz's
// CronTrigger (Camunda 7 up to 7.23: seconds first, 1 = Sunday, L, W, #)
// and Spring 5.3's CronExpression (Zeebe since 8.1: 0 or 7 = Sunday).
#include <QtTest>

#include "bpmn/engine.h"
#include "bpmn/feel/temporal.h"
#include "engine_harness.h"
#include "runtime/cron.h"

using namespace bpmn;
using namespace bpmn::feel;
using namespace bpmn::testing;
using bpmn::runtime::Cron;
using bpmn::runtime::CronDialect;

namespace {

std::int64_t at(const char* text) { return *epochMillis(*parseDateTime(text)); }

QString iso(std::int64_t millis) {
  return QDateTime::fromMSecsSinceEpoch(millis, QTimeZone::utc()).toString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

}  // namespace

class TestTimers : public QObject {
  Q_OBJECT

 private slots:
  void cronNext_data() {
    QTest::addColumn<QString>("cron");
    QTest::addColumn<bool>("quartz");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("next");
    QTest::newRow("every 5 minutes") << "0 0/5 * * * ?" << true << "2026-01-01T00:02:30Z"
                                     << "2026-01-01T00:05:00Z";
    QTest::newRow("on the dot: strictly after") << "0 0/5 * * * ?" << true << "2026-01-01T00:05:00Z"
                                                << "2026-01-01T00:10:00Z";
    QTest::newRow("working hours, names") << "0 0 9-17 * * MON-FRI" << false << "2026-01-03T12:00:00Z"
                                          << "2026-01-05T09:00:00Z";
    QTest::newRow("Quartz 2-6 is Monday to Friday") << "0 0 9 ? * 2-6" << true << "2026-01-03T12:00:00Z"
                                                    << "2026-01-05T09:00:00Z";
    QTest::newRow("Spring 1-5 is Monday to Friday") << "0 0 9 * * 1-5" << false << "2026-01-03T12:00:00Z"
                                                    << "2026-01-05T09:00:00Z";
    QTest::newRow("last Friday (Quartz 6L)") << "0 15 10 ? * 6L" << true << "2026-01-01T00:00:00Z"
                                             << "2026-01-30T10:15:00Z";
    QTest::newRow("third Friday (Quartz 6#3)") << "0 0 0 ? * 6#3" << true << "2026-01-01T00:00:00Z"
                                               << "2026-01-16T00:00:00Z";
    QTest::newRow("third Friday (Spring 5#3)") << "0 0 0 * * 5#3" << false << "2026-01-01T00:00:00Z"
                                               << "2026-01-16T00:00:00Z";
    QTest::newRow("last day of February") << "0 0 12 L * ?" << true << "2028-02-01T00:00:00Z"
                                          << "2028-02-29T12:00:00Z";
    QTest::newRow("L-2") << "0 0 12 L-2 * ?" << true << "2026-04-01T00:00:00Z"
                         << "2026-04-28T12:00:00Z";
    QTest::newRow("nearest weekday to a Saturday") << "0 0 0 17W * ?" << true << "2026-01-01T00:00:00Z"
                                                   << "2026-01-16T00:00:00Z";
    QTest::newRow("last weekday") << "0 0 0 LW * ?" << true << "2026-05-01T00:00:00Z"
                                  << "2026-05-29T00:00:00Z";
    QTest::newRow("lists and steps") << "10,20 */30 1 * JAN,JUL ?" << true << "2026-02-01T00:00:00Z"
                                     << "2026-07-01T01:00:10Z";
    QTest::newRow("a year") << "0 0 0 1 1 ? 2030" << true << "2026-06-01T00:00:00Z"
                            << "2030-01-01T00:00:00Z";
    QTest::newRow("@daily") << "@daily" << false << "2026-01-01T10:00:00Z"
                            << "2026-01-02T00:00:00Z";
    QTest::newRow("@hourly") << "@hourly" << true << "2026-01-01T10:59:59Z"
                             << "2026-01-01T11:00:00Z";
    QTest::newRow("30 February: never") << "0 0 0 30 2 ?" << true << "2026-01-01T00:00:00Z"
                                        << "";
    QTest::newRow("a year passed") << "0 0 0 1 1 ? 2020" << true << "2026-01-01T00:00:00Z"
                                   << "";
  }
  void cronNext() {
    QFETCH(QString, cron);
    QFETCH(bool, quartz);
    QFETCH(QString, after);
    QFETCH(QString, next);
    std::string error;
    auto parsed = Cron::parse(cron.toStdString(), quartz ? CronDialect::kQuartz : CronDialect::kSpring, error);
    QVERIFY2(parsed, error.c_str());
    auto firing = parsed->next(at(after.toUtf8().constData()));
    QCOMPARE(firing ? iso(*firing) : QString(), next);
  }

  void cronErrors_data() {
    QTest::addColumn<QString>("cron");
    QTest::addColumn<QString>("error");
    QTest::newRow("five fields") << "0 0 * * *"
                                 << "cron \"0 0 * * *\" has 5 fields; expected second minute hour day-of-month month "
                                    "day-of-week [year]";
    QTest::newRow("hour 25") << "0 0 25 * * ?"
                             << "cron \"0 0 25 * * ?\": hour \"25\": values run from 0 to 23";
    QTest::newRow("bad name") << "0 0 0 ? * FUNDAY"
                              << "cron \"0 0 0 ? * FUNDAY\": day of week \"FUNDAY\": \"FUNDAY\" "
                                 "is not a value of this field";
    QTest::newRow("bad step") << "0 0/0 * * * ?"
                              << "cron \"0 0/0 * * * ?\": minute \"0/0\": the step after / is not a "
                                 "number from 1 to 59";
    QTest::newRow("huge step") << "5/2147483647 * * * * ?"
                               << "cron \"5/2147483647 * * * * ?\": second \"5/2147483647\": the step after / is not a "
                                  "number from 1 to 59";
  }
  void cronErrors() {
    QFETCH(QString, cron);
    QFETCH(QString, error);
    std::string why;
    QVERIFY(!Cron::parse(cron.toStdString(), CronDialect::kQuartz, why));
    QCOMPARE(QString::fromStdString(why), error);
  }

  // A Camunda 7 file: a non-interrupting boundary timer on a cron cycle
  // fires at each cron time (Quartz numbering: the file declares Camunda 7's
  // namespace), and timer values written as JUEL are evaluated.
  void camunda7TimersRun() {
    ManualClock clock(at("2026-01-05T08:00:00Z"));  // a Monday
    EngineOptions options;
    options.clock = &clock;
    Engine engine(options);
    const QByteArray xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"d\" targetNamespace=\"t\">"
        "<process id=\"p\" isExecutable=\"true\"><startEvent id=\"s\"/>" +
        flow("f1", "s", "wait") +
        "<intermediateCatchEvent id=\"wait\"><timerEventDefinition><timeDuration>PT${minutes}M</timeDuration>"
        "</timerEventDefinition></intermediateCatchEvent>" +
        flow("f2", "wait", "until") +
        "<intermediateCatchEvent id=\"until\"><timerEventDefinition><timeDate>#{dueDate}</timeDate>"
        "</timerEventDefinition></intermediateCatchEvent>" +
        flow("f3", "until", "u") +
        "<userTask id=\"u\"/><boundaryEvent id=\"remind\" attachedToRef=\"u\" cancelActivity=\"false\">"
        "<timerEventDefinition><timeCycle>0 0 9 ? * 2</timeCycle></timerEventDefinition></boundaryEvent>"
        "</process></definitions>";
    QVERIFY(engine.deploy(xml.toStdString(), "c7.bpmn").isOk());
    auto started = engine.createInstance("p", {{"minutes", Value(30)}, {"dueDate", Value("2026-01-05T08:45:00Z")}});
    QVERIFY(started.isOk());
    QStringList fired;
    for (int i = 0; i < 4; ++i) {
      auto due = engine.nextTimerDue().value();
      QVERIFY(due);
      clock.set(*due);
      fired << iso(*due);
      QVERIFY(engine.fireDueTimers().isOk());
    }
    // 08:30 (PT30M), 08:45 (the date), then Mondays at 09:00 (Quartz 2).
    QCOMPARE(fired, QStringList({"2026-01-05T08:30:00Z", "2026-01-05T08:45:00Z", "2026-01-05T09:00:00Z",
                                 "2026-01-12T09:00:00Z"}));
    QCOMPARE(trace(*engine.instance(started.value().instance.key).value()).count("remind"), 2);
  }
};

QTEST_GUILESS_MAIN(TestTimers)
#include "tst_timers.moc"
